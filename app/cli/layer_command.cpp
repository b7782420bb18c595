// adaround-cli layer: the layer lab headless (issue 14). One layer's inputs
// captured in a context (fp32, rtn, or a stored run's rounding), one AdaRound
// attempt on it with the run's knobs, its figures against round-to-nearest,
// and a run log of that one layer (like `run`'s, openable in the workbench).
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/layer_lab.h"
#include "adaround/layer_overrides.h"
#include "adaround/observer_list.h"
#include "adaround/run_log.h"
#include "cli_observer.h"
#include "commands.h"
#include "option_helpers.h"
#include "run_options.h"
#include "run_outputs.h"
#include "run_report.h"
#include "shared_options.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <memory>

namespace cli {
namespace {

adaround::RunControl* g_control = nullptr;

extern "C" void onLayerInterrupt(int)
{
    if (g_control)
        g_control->cancel();
}

// fp32 / rtn, or a run log whose roundings make the context.
adaround::LabRequest labRequest(const RunSettings& o, const std::string& layer, const std::string& context)
{
    adaround::LabRequest r;
    r.config = o.config;
    r.layer = layer;
    if (context == "fp32" || context.empty() || context == "rtn") {
        r.context = context == "fp32" ? adaround::LabContext::Fp32 : adaround::LabContext::Rtn;
        return r;
    }
    r.context = adaround::LabContext::Run;
    const adaround::RunLog log = adaround::readRunLog(context);
    if (log.record.weights.empty())
        throw adaround::Error(context + ": the run log holds no rounded layer to use as the context");
    r.runWeights = log.record.weights;
    return r;
}

adaround::Json accuracyOrNull(const adaround::Accuracy& a)
{
    return a.count > 0 ? accuracyJson(a) : adaround::Json();
}

void printJson(const adaround::LabSetup& s, const adaround::LabAttempt& a, const std::string& context,
               const std::string& logPath)
{
    adaround::Json doc = {{"status", a.cancelled ? "cancelled" : "completed"},
                          {"layer", s.layer.name},
                          {"layer_index", s.layerIndex},
                          {"context", context},
                          {"calib_images", s.calibImages},
                          {"eval_images", s.evalImages},
                          {"capture_seconds", s.captureSeconds},
                          {"fp32", accuracyOrNull(s.fp32)},
                          {"context_fp32_layer", accuracyOrNull(s.context)},
                          {"rtn", accuracyOrNull(s.rtn)},
                          {"adaround", a.cancelled ? adaround::Json() : accuracyOrNull(a.accuracy)},
                          {"attempt", a.cancelled ? adaround::Json() : layerJson(a.summary)},
                          {"seconds", a.seconds}};
    doc["config"] = adaround::parseJson(adaround::configToJson(a.knobs));
    doc["log"] = logPath.empty() ? adaround::Json() : adaround::Json(logPath);
    std::cout << adaround::dumpJson(doc) << std::endl;
}

void printText(const adaround::LabSetup& s, const adaround::LabAttempt& a, const std::string& context)
{
    std::cout << "layer " << s.layer.name << " (" << adaround::toString(s.layer.kind) << ") in the " << context << " context, "
              << s.calibImages << " calibration images, inputs captured in " << fixed(s.captureSeconds, 1) << " s\n";
    printLayerTable({a.summary}, std::cout);
    if (s.evalImages > 0)
        std::cout << "\ntop-1 on " << s.evalImages << " images: FP32 model " << fixed(s.fp32.top1, 2)
                  << " %, context with the layer in FP32 " << fixed(s.context.top1, 2) << " %, rounded to nearest "
                  << fixed(s.rtn.top1, 2) << " %, AdaRound " << fixed(a.accuracy.top1, 2) << " %\n";
}

int runLayer(const RunSettings& o, const std::string& layer, const std::string& context)
{
    if (!o.exportDir.empty())
        throw UsageError("layer writes no export (--export); its rounding is in its run log");
    checkRunOutputs(o);
    if (!o.saveConfigPath.empty())
        saveRunConfig(o);
    noteThreadLimit(o.config.threads);
    const adaround::LabRequest request = labRequest(o, layer, context);
    const std::string contextName = request.context == adaround::LabContext::Run ? context
                                                                                 : adaround::toString(request.context);

    adaround::RunControl control;
    g_control = &control;
    struct ControlReset {
        ~ControlReset() { g_control = nullptr; }
    } controlReset;
    std::signal(SIGINT, onLayerInterrupt);
    std::signal(SIGTERM, onLayerInterrupt);

    CliObserver progress(!o.quiet);
    std::string error;
    const std::unique_ptr<adaround::LayerLab> lab = adaround::LayerLab::open(request, progress, control, &error);
    if (!lab) {
        progress.finish();
        if (error.empty()) {
            std::cerr << "adaround-cli: cancelled while capturing the layer's inputs\n";
            return kCancelled;
        }
        throw adaround::Error(error);
    }
    const adaround::LabSetup& s = lab->setup();

    const std::unique_ptr<adaround::RunLogWriter> log = openRunLog(o);
    const std::string logPath = log ? log->path() : "";
    if (log && !o.quiet)
        std::cerr << "run log: " << logPath << "\n";
    adaround::ObserverList observers;
    if (log)
        observers.add(*log);
    observers.add(progress);
    observers.onEvent(s.started);
    const adaround::AdaRoundConfig lc = adaround::layerConfig(o.config, s.layer.name);
    observers.onEvent(adaround::LayerStarted{s.layerIndex, s.layer.name, s.bits, lc.iterations});
    const adaround::LabAttempt a = lab->attempt(o.config, observers, control);
    if (!a.error.empty())
        throw adaround::Error(a.error);
    if (a.cancelled) {
        observers.onEvent(adaround::RunCancelled{0});
    } else {
        observers.onEvent(a.weights);
        observers.onEvent(a.summary);
        adaround::RunFinished finished;
        finished.fp32 = s.fp32;
        finished.rtn = s.rtn;
        finished.adaround = a.accuracy;
        finished.seconds = s.captureSeconds + a.seconds;
        observers.onEvent(finished);
    }
    progress.finish();
    if (o.json)
        printJson(s, a, contextName, logPath);
    else if (!a.cancelled)
        printText(s, a, contextName);
    if (log && !log->writeError().empty())
        throw adaround::Error("the run log is incomplete: " + log->writeError());
    if (a.cancelled) {
        std::cerr << "adaround-cli: attempt cancelled\n";
        return kCancelled;
    }
    return kOk;
}

} // namespace

CommandRunner addLayerCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand(
        "layer", "The layer lab: AdaRound on one layer, its inputs from a context model, against round-to-nearest.");
    cmd->footer("Accepts every option of run (the knobs apply to the layer, with its --layer-set overrides).\n"
                "--context fp32: the other layers in float; rtn (default): every quantized layer of the plan\n"
                "rounded to nearest; LOG: a stored run's roundings (the same settings and seed reproduce its layer).\n"
                "With --eval, the top-1 of the context model with the layer's rounding. Writes a run log like run.");
    auto o = std::make_shared<RunOptions>(*cmd, /*evalRequired=*/false);
    CLI::Option* layer = addValueOption(*cmd, "--layer", "NAME", "the layer (adaround-cli inspect lists them)");
    CLI::Option* context = addValueOption(*cmd, "--context", "fp32|rtn|LOG", "where the layer's input comes from (rtn)");
    return [o, cmd, layer, context] {
        rejectLeftovers(*cmd);
        if (!layer->count())
            throw UsageError("layer needs --layer NAME");
        return runLayer(o->read(), lastValue(layer), context->count() ? lastValue(context) : "rtn");
    };
}

} // namespace cli
