fn main(){ let p = v8::new_default_platform(0,false).make_shared(); v8::V8::initialize_platform(p); v8::V8::initialize(); }
