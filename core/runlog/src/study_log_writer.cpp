// The study-log writer: like the run-log writer (run_log_writer.cpp), the file
// is an in-memory HDF5 image saved whole, sealed, through a sibling renamed
// over it; a study is small, so every event that adds a figure saves it.
#include "adaround/study_log.h"

#include "adaround/file_io.h"
#include "adaround/overloaded.h"
#include "adaround/versions.h"
#include "log_image_p.h"
#include "run_log_layout_p.h"
#include "sha256_p.h"
#include "study_log_layout_p.h"

#include <filesystem>
#include <thread>

namespace adaround {

struct StudyLogWriter::Impl {
    std::string path;
    RunLogContext context;
    std::string error;
    h5::Handle file, study;
    h5::Handle series[kStudySampleColumnCount];
    std::vector<char> image;
    int samplesDone = 0;
    bool broken = false;
    bool ended = false;

    template <class F>
    void attempt(F&& body) noexcept
    {
        if (broken)
            return;
        try {
            h5::Quiet quiet;
            body();
        } catch (const std::exception& e) {
            broken = true;
            if (error.empty())
                error = path + ": " + e.what();
        }
    }

    void create();
    void save(bool durable);
    void end(const char* status, const std::string& message);
    void on(const StudyStarted& e);
    void on(const StudyBaseline& e);
    void on(const StudySample& e);
    void on(const StudyAdaRound& e);
    void on(const StudyFinished& e);
};

void StudyLogWriter::Impl::create()
{
    file = createInMemoryLog(path);
    const hid_t root = file.id();
    h5::setString(root, "schema", kStudyLogSchema);
    RunLogInfo facts;
    facts.schemaVersion = kStudyLogSchemaVersion;
    facts.status = "running";
    facts.startTime = utcNow();
    facts.application = context.application;
    facts.appVersion = appVersion();
    facts.torchVersion = torchVersion();
    facts.qtVersion = context.qtVersion;
    facts.hdf5Version = hdf5Version();
    facts.opencvVersion = opencvVersion();
    facts.threads = int(std::thread::hardware_concurrency());
    writeRootFacts(root, facts, 0);
    h5::setDouble(root, "seconds", 0);
    h5::setInt(root, "samples_done", 0);
    for (const char* g : {"config", "model", "data"})
        h5::createGroup(root, g);
    study = h5::createGroup(root, "study");
    const h5::Handle samples = h5::createGroup(study.id(), "samples");
    for (size_t i = 0; i < kStudySampleColumnCount; ++i)
        series[i] = h5::createSeries(samples.id(), kStudySampleColumns[i].name,
                                     kStudySampleColumns[i].isIndex ? H5T_STD_I32LE : H5T_IEEE_F64LE, {}, 64);
}

void StudyLogWriter::Impl::save(bool durable)
{
    attempt([&] {
        h5::setInt(file.id(), "samples_done", samplesDone);
        const std::vector<char>& bytes = sealedImage(file.id(), image, kStudyLogSchemaVersion);
        try {
            replaceFile(path, bytes.data(), bytes.size(), durable);
        } catch (const Error& e) {
            if (error.empty())
                error = e.what(); // the disk may recover: later saves try again
        }
    });
}

void StudyLogWriter::Impl::end(const char* status, const std::string& message)
{
    attempt([&] {
        const hid_t root = file.id();
        h5::setString(root, "status", status);
        h5::setString(root, "error", message);
        h5::setString(root, "end_time", utcNow());
    });
    save(true);
    ended = true;
}

void StudyLogWriter::Impl::on(const StudyStarted& e)
{
    attempt([&] {
        const hid_t root = file.id();
        h5::setUInt64(root, "seed", e.settings.seed);
        writeConfig(h5::openGroup(root, "config").id(), e.config);
        const h5::Handle model = h5::openGroup(root, "model");
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(e.config.modelPath, ec);
        writeModelFacts(model.id(), e.config.modelPath, ec ? -1 : int64_t(bytes),
                        ec ? "" : sha256File(e.config.modelPath));
        const h5::Handle data = h5::openGroup(root, "data");
        h5::setString(data.id(), "calib_dir", e.config.calibDir);
        h5::setString(data.id(), "eval_dir", e.config.evalDir);
        h5::setInt(data.id(), "calib_images", e.calibImages, H5T_STD_I64LE);
        h5::setInt(data.id(), "eval_images", e.evalImages, H5T_STD_I64LE);
        h5::setInt(data.id(), "eval_subset", e.config.evalSubset, H5T_STD_I64LE);
        h5::setString(data.id(), "preprocess", e.preprocess);
        writeStudyStart(study.id(), e);
    });
    save(false);
}

void StudyLogWriter::Impl::on(const StudyBaseline& e)
{
    attempt([&] {
        h5::setDouble(study.id(), "fp32_top1", e.fp32Top1);
        writeStudyPoint(study.id(), "rtn", e.rtn);
    });
    save(false);
}

void StudyLogWriter::Impl::on(const StudySample& e)
{
    attempt([&] {
        for (size_t i = 0; i < kStudySampleColumnCount; ++i) {
            const StudySampleColumn& c = kStudySampleColumns[i];
            if (c.isIndex) {
                const int32_t index = e.index;
                h5::appendRows(series[i].id(), H5T_NATIVE_INT32, &index, 1);
            } else {
                const double value = e.point.*c.member;
                h5::appendRows(series[i].id(), H5T_NATIVE_DOUBLE, &value, 1);
            }
        }
        ++samplesDone;
    });
    save(false);
}

void StudyLogWriter::Impl::on(const StudyAdaRound& e)
{
    attempt([&] {
        writeStudyPoint(study.id(), "adaround", e.point);
        h5::setFlag(study.id(), "adaround_kept_rtn", e.keptRtn);
        h5::setDouble(study.id(), "adaround_seconds", e.seconds);
    });
    save(false);
}

void StudyLogWriter::Impl::on(const StudyFinished& e)
{
    attempt([&] {
        writeStudyStatistics(study.id(), e.statistics);
        h5::setDouble(file.id(), "seconds", e.seconds);
    });
    end("completed", "");
}

StudyLogWriter::StudyLogWriter(const std::string& path, RunLogContext context) : d(std::make_unique<Impl>())
{
    d->path = path;
    d->context = std::move(context);
    h5::Quiet quiet;
    if (std::filesystem::exists(path))
        throw Error(path + ": the file exists; a study log is never overwritten");
    try {
        d->create();
        const std::vector<char>& bytes = sealedImage(d->file.id(), d->image, kStudyLogSchemaVersion);
        writeNewFile(path, bytes.data(), bytes.size());
    } catch (const Error& e) {
        const std::string what = e.what();
        throw Error(what.rfind(path, 0) == 0 ? what : path + ": cannot create the study log: " + what);
    }
}

StudyLogWriter::~StudyLogWriter()
{
    if (!d->ended)
        d->end("failed", "interrupted: the log was closed before the study ended");
}

const std::string& StudyLogWriter::path() const { return d->path; }
const std::string& StudyLogWriter::writeError() const { return d->error; }

void StudyLogWriter::onEvent(const StudyEvent& event)
{
    std::visit(overloaded{[this](const StudyCancelled&) { d->end("cancelled", ""); },
                          [this](const StudyFailed& e) { d->end("failed", e.error); },
                          [](const PhaseProgress&) {}, // transient: not stored
                          [this](const auto& e) { d->on(e); }},
               event);
}

} // namespace adaround
