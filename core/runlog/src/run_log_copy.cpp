// The sandbox helper's copy: the parsed record replayed through the run-log
// writer, so the copy holds only structures this writer makes (whatever odd but
// parseable encodings the damaged original had), then the root, /config and
// /model facts the writer takes from the machine that runs it (times,
// versions, the model's fingerprint) set back to the original's.
#include "run_log_sandbox_p.h"

#include "adaround/error.h"
#include "adaround/file_io.h"
#include "run_log_layout_p.h"
#include "run_log_parse_p.h"
#include "run_log_seal_p.h"

#include <filesystem>

namespace adaround {
namespace {

void restamp(hid_t root, const RunLog& log)
{
    const RunLogInfo& i = log.info;
    writeRootFacts(root, i, log.record.layersDone);
    if (!log.record.hasStarted)
        return;
    const h5::Handle config = h5::openGroup(root, "config");
    h5::setString(config.id(), "json", i.configJson);
    h5::setString(config.id(), "model", log.record.started.config.modelPath);
    writeModelFacts(h5::openGroup(root, "model").id(), i.modelPath, i.modelBytes, i.modelSha256);
}

} // namespace

void writeRunLogCopy(const RunLog& log, const std::string& out)
{
    const std::string draft = out + ".draft";
    {
        // No model path: the writer would fingerprint whatever file is there now.
        RunRecord record = log.record;
        record.started.config.modelPath.clear();
        RunLogContext context;
        context.application = log.info.application;
        context.qtVersion = log.info.qtVersion;
        RunLogWriter writer(draft, std::move(context));
        replay(record, writer);
        if (!writer.writeError().empty())
            throw Error(writer.writeError());
    } // a run that never ended is marked failed here, and restamped below
    const std::string bytes = readTextFile(draft, kMaxRunLogBytes, "run log copy");
    std::filesystem::remove(draft);
    h5::Quiet quiet;
    const h5::Handle file = openRunLogImage(bytes, out, true);
    restamp(file.id(), log);
    h5::check(H5Fflush(file.id(), H5F_SCOPE_GLOBAL), "flushing the copy");
    const ssize_t size = H5Fget_file_image(file.id(), nullptr, 0);
    h5::check(herr_t(size < 0 ? -1 : 0), "file image");
    std::vector<char> image(kRunLogUserBlock + static_cast<size_t>(size));
    h5::check(herr_t(H5Fget_file_image(file.id(), image.data() + kRunLogUserBlock, size_t(size)) < 0 ? -1 : 0),
              "file image");
    sealRunLogImage(image.data(), image.size(), kRunLogSchemaVersion);
    writeNewFile(out, image.data(), image.size());
}

} // namespace adaround
