#pragma once
// The run-log tests' fixture: a temporary folder with a stand-in model file,
// and a synthetic record written through RunLogWriter as a live run would.
#include "adaround/run_log.h"
#include "synthetic_run.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace testsupport {

// Writes RECORD as a live run would, through the writer.
inline void writeLog(const std::string& path, const adaround::RunRecord& record)
{
    adaround::RunLogWriter writer(path);
    replay(record, writer);
    EXPECT_EQ(writer.writeError(), "");
}

class RunLogFiles : public ::testing::Test {
protected:
    TempDir dir{"runlog"};
    std::string model = dir / "model.pt";
    void SetUp() override { writeBytes(model, "abc"); }
};

} // namespace testsupport
