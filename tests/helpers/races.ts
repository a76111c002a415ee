/** The race of calibration/races/measure.py, shared with the calibration. */
export { race, type RaceOptions } from '../../calibration/races/scenario';
