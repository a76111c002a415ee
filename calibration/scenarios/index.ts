/** Every scenario file behind calibration/published.json, by the name the JSON uses. */
import * as beazley from './beazley';
import * as ccbench from './ccbench';
import * as freeThreading from './free-threading';
import * as skvortsov from './skvortsov';
import * as thisMachine from './this-machine';

export const scenarioFiles = {
  beazley,
  ccbench,
  'free-threading': freeThreading,
  skvortsov,
  'this-machine': thisMachine,
} as const;
