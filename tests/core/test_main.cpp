// gtest main for core tests: use every core, as the CLI does by default.
#include "adaround/runtime.h"

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    adaround::setThreads(0);
    return RUN_ALL_TESTS();
}
