#include "adaround/run_export.h"

#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/output_folder.h"
#include "adaround/json.h"
#include "adaround/model.h"
#include "guard_p.h"
#include "model_impl_p.h"
#include "npy_writer_p.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace adaround {
namespace fs = std::filesystem;

namespace {

// What a previous export holds: the only entries --force may replace.
bool isExportEntry(const std::string& rel, bool isFolder)
{
    if (isFolder)
        return rel == "weights";
    if (rel == "model.pt" || rel == "encodings.json")
        return true;
    const fs::path p(rel);
    return p.parent_path() == "weights" && p.extension() == ".npy";
}

std::vector<NamedInput> runInputs(const AdaRoundConfig& c)
{
    return {{"the model", c.modelPath}, {"the calibration folder", c.calibDir}, {"the evaluation folder", c.evalDir}};
}

} // namespace

void checkExportFolder(const std::string& dir, const std::vector<NamedInput>& inputs, bool replace)
{
    checkOutputFolder(dir, inputs, replace, isExportEntry, "export folder",
                      "--force replaces a previous export in it (or choose a new folder)");
}

std::string aimetEncodingsJson(const std::vector<QuantizedLayer>& layers, const std::vector<ActivationGrid>& activations)
{
    Json activationEncodings = Json::object();
    for (const ActivationGrid& a : activations) {
        const auto named = std::find_if(layers.begin(), layers.end(), [&](const auto& l) { return l.layer == a.layer; });
        if (named == layers.end())
            continue;
        activationEncodings[named->name + ".input"] = Json::array({Json{{"bitwidth", a.bits},
                                                                        {"dtype", "int"},
                                                                        {"is_symmetric", "False"},
                                                                        {"max", a.max()},
                                                                        {"min", a.min()},
                                                                        {"offset", -a.zeroPoint},
                                                                        {"scale", a.scale}}});
    }
    Json paramEncodings = Json::object();
    for (const auto& l : layers) {
        Json channels = Json::array();
        const double qmax = l.grid.qmax();
        for (size_t c = 0; c < l.grid.scale.size(); ++c) {
            const double s = l.grid.scale[c], z = l.grid.zeroPoint[c];
            channels.push_back(Json{{"bitwidth", l.grid.bits},
                                    {"dtype", "int"},
                                    {"is_symmetric", l.grid.symmetric ? "True" : "False"},
                                    {"max", (qmax - z) * s},
                                    {"min", -z * s},
                                    {"offset", int64_t(-z)},
                                    {"scale", s}});
        }
        paramEncodings[l.name + ".weight"] = std::move(channels);
    }
    return dumpJson(Json{{"version", "0.6.1"},
                         {"activation_encodings", std::move(activationEncodings)},
                         {"param_encodings", std::move(paramEncodings)}});
}

namespace {

// With activation quantizers, the saved forward must contain them: on a copy of
// the model, swap the forward method for the prepared graph with its fake-quant
// ops (the way torch.jit.freeze swaps methods). Clones get their own class type,
// so the run's models are untouched. Saved to memory: LibTorch's file writer
// throws from its destructor when the disk fills (std::terminate, exit 134), so
// the bytes are written by writeNewFile, which reports the reason.
std::string torchScriptBytes(const Model& model)
{
    std::ostringstream out;
    if (!model.impl().quantizedForward) {
        model.impl().module.save(out); // weights only: the module's own forward is right
        return std::move(out).str();
    }
    std::unique_ptr<Model> copy = model.clone();
    ModelImpl& m = copy->impl();
    const c10::ClassTypePtr type = m.module.type();
    const auto cu = m.module._ivalue()->compilation_unit();
    const c10::QualifiedName name(*type->name(), "forward");
    type->unsafeRemoveMethod("forward");
    cu->unsafeRemoveMethod(name);
    type->addMethod(cu->create_function(name, m.quantizedForward->graph()->copy()));
    m.module.save(out);
    return std::move(out).str();
}

void writeText(const fs::path& path, const std::string& text)
{
    writeNewFile(path.string(), text.data(), text.size());
}

} // namespace

std::vector<std::string> exportRun(AdaRoundRun& run, const RunResult& result, const std::string& dir, bool replace)
{
    if (result.end != RunEnd::Completed || !run.quantizedModel())
        throw Error("only a completed run can be exported");
    checkExportFolder(dir, runInputs(result.started.config), replace);
    StagedFolder staging(dir); // removed again unless everything is written
    const fs::path root(staging.path());
    std::vector<std::string> names;
    try {
        const std::string model = guarded(dir + "/model.pt", [&] { return torchScriptBytes(*run.quantizedModel()); });
        writeText(root / "model.pt", model);
        names.push_back("model.pt");
        writeText(root / "encodings.json", aimetEncodingsJson(result.quantized, result.started.activationGrids) + "\n");
        names.push_back("encodings.json");
        fs::create_directory(root / "weights");
        for (const auto& l : result.quantized) {
            char prefix[16];
            std::snprintf(prefix, sizeof prefix, "%03d_", l.layer);
            const std::string base = "weights/" + std::string(prefix) + l.name;
            const std::vector<int64_t> channels{int64_t(l.grid.scale.size())};
            writeNpy((root / (base + ".codes.npy")).string(), l.shape, l.codes);
            writeNpy((root / (base + ".scale.npy")).string(), channels, l.grid.scale);
            writeNpy((root / (base + ".zero_point.npy")).string(), channels, l.grid.zeroPoint);
            for (const char* ext : {".codes.npy", ".scale.npy", ".zero_point.npy"})
                names.push_back(base + ext);
        }
        staging.commit(replace);
    } catch (const fs::filesystem_error& e) {
        throw Error(dir + ": cannot write the export: " + e.code().message());
    } catch (const Error& e) {
        // The staging folder's name means nothing to the user: name DIR.
        std::string what = e.what();
        const size_t at = what.find(staging.path());
        if (at != std::string::npos)
            what.replace(at, staging.path().size(), dir);
        throw Error("cannot write the export: " + what);
    }
    std::vector<std::string> paths;
    for (const auto& n : names)
        paths.push_back((fs::path(dir) / n).string());
    return paths;
}

} // namespace adaround
