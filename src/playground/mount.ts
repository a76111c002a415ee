/**
 * Entry point the `<Scenario>` component loads on every page that embeds a scenario.
 * It must stay tiny: it only registers the `<gil-playground>` element and loads the
 * editor, compiler and runner when the reader asks (see src/playground/README.md).
 * Placeholder until the playground lands.
 */
export {};
