#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| yusuan_fuzz::audit(data));
