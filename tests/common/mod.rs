//! Helpers shared by the integration tests (each test file that needs them
//! says `mod common;`).

#![allow(dead_code)]

pub mod http;
pub mod pages;
pub mod pty;
