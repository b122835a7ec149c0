/**
 * The built-in rule set, for the composition points (the public entry point, PolicyGuard, the CLI).
 * The engine itself (loaders, evaluator, reporters) never imports it: it evaluates whatever rules it
 * is given, so `policies/` depends on the engine and not the other way round.
 */
export { BUILTIN_PACKS, BUILTIN_RULES } from '../../policies';
