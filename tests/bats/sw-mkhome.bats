#!/usr/bin/env bats
load ../helpers/common
setup () { setup_common; }
@test "placeholder" { run -0 sw-mkhome true; }
