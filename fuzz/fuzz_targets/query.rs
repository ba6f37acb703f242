#![no_main]

// The body and its property checks are in src/lib.rs, shared with the CI smoke test.
libfuzzer_sys::fuzz_target!(|data: &[u8]| touchbase_fuzz::query(data));
