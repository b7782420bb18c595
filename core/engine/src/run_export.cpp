#include "adaround/run_export.h"

#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/model.h"
#include "guard_p.h"
#include "model_impl_p.h"
#include "npy_writer_p.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace adaround {
namespace fs = std::filesystem;

void checkExportFolder(const std::string& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw Error(dir + ": cannot create the export folder (" + (ec ? ec.message() : "not a folder") + ")");
    const fs::path probe = fs::path(dir) / ".write-test";
    {
        std::ofstream out(probe);
        out << "x";
        if (!out)
            throw Error(dir + ": export folder is not writable");
    }
    fs::remove(probe, ec);
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
// so the run's models are untouched.
void saveTorchScript(const Model& model, const std::string& path)
{
    if (!model.impl().quantizedForward) {
        model.impl().module.save(path); // weights only: the module's own forward is right
        return;
    }
    std::unique_ptr<Model> copy = model.clone();
    ModelImpl& m = copy->impl();
    const c10::ClassTypePtr type = m.module.type();
    const auto cu = m.module._ivalue()->compilation_unit();
    const c10::QualifiedName name(*type->name(), "forward");
    type->unsafeRemoveMethod("forward");
    cu->unsafeRemoveMethod(name);
    type->addMethod(cu->create_function(name, m.quantizedForward->graph()->copy()));
    m.module.save(path);
}

} // namespace

std::vector<std::string> exportRun(AdaRoundRun& run, const RunResult& result, const std::string& dir)
{
    if (result.end != RunEnd::Completed || !run.quantizedModel())
        throw Error("only a completed run can be exported");
    checkExportFolder(dir);
    std::error_code ec;
    const fs::path staging = fs::path(dir) / ".export-partial";
    fs::remove_all(staging, ec);
    if (!fs::create_directories(staging / "weights", ec) || ec)
        throw Error(dir + ": export folder is not writable (" + ec.message() + ")");

    std::vector<std::string> names;
    try {
        guarded(dir + "/model.pt", [&] { saveTorchScript(*run.quantizedModel(), (staging / "model.pt").string()); });
        names.push_back("model.pt");
        {
            std::ofstream out(staging / "encodings.json");
            out << aimetEncodingsJson(result.quantized, result.started.activationGrids) << "\n";
            if (!out)
                throw Error(dir + "/encodings.json: write failed");
            names.push_back("encodings.json");
        }
        for (const auto& l : result.quantized) {
            char prefix[16];
            std::snprintf(prefix, sizeof prefix, "%03d_", l.layer);
            const std::string base = "weights/" + std::string(prefix) + l.name;
            const std::vector<int64_t> channels{int64_t(l.grid.scale.size())};
            writeNpy((staging / (base + ".codes.npy")).string(), l.shape, l.codes);
            writeNpy((staging / (base + ".scale.npy")).string(), channels, l.grid.scale);
            writeNpy((staging / (base + ".zero_point.npy")).string(), channels, l.grid.zeroPoint);
            for (const char* ext : {".codes.npy", ".scale.npy", ".zero_point.npy"})
                names.push_back(base + ext);
        }
        // All written: move into place.
        fs::create_directories(fs::path(dir) / "weights");
        for (const auto& n : names)
            fs::rename(staging / n, fs::path(dir) / n);
        fs::remove_all(staging);
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(staging, ec);
        throw Error(dir + ": export failed (" + e.code().message() + ")");
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
    std::vector<std::string> paths;
    for (const auto& n : names)
        paths.push_back((fs::path(dir) / n).string());
    return paths;
}

} // namespace adaround
