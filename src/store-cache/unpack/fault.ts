/** Test-only: makes the restore kill itself (or a thread) at a named point, to prove a crash leaves no harm. */
export const FAULT_VARIABLE = 'HYPERNIX_TEST_FAULT_UNPACK';
