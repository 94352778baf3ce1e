#!/usr/bin/env bats
load ../helpers/common
setup () { setup_common; }
@test "placeholder: sw-exec runs true" { run -0 sw-exec true; }
