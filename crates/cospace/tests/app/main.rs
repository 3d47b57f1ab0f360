//! Integration tests: the real router and middleware over a real database. Every test body
//! runs twice, on SQLite and on PostgreSQL (see `cospace_testkit::db_tests!`).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod accounts;
mod api;
mod calendar_import;
mod cli;
mod components;
mod demo;
mod hardening;
mod i18n;
mod import;
mod layout;
mod mail;
mod nodes;
mod ops;
mod organizations;
mod security;
mod signup;
mod spaces;
mod sweep;
mod visibility;

pub const PASSWORD: &str = "a long test password";
