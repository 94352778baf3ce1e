#!/usr/bin/env bats
load ../helpers/common
setup () { setup_common; }
@test "placeholder: stowaway --help" { run -0 stowaway --help; }
