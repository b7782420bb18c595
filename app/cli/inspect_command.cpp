#include "adaround/json.h"
#include "adaround/model.h"
#include "commands.h"
#include "run_report.h"
#include "option_helpers.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace cli {
namespace {

struct InspectOptions {
    std::string model;
    CLI::Option* json = nullptr;
    CLI::Option* foldBn = nullptr;
};

void printJson(const adaround::Model& model)
{
    adaround::Json layers = adaround::Json::array();
    for (const auto& l : model.layers())
        layers.push_back({{"name", l.name},
                          {"kind", adaround::describeKind(l)},
                          {"weight_shape", l.weightShape},
                          {"params", l.params},
                          {"activation", adaround::toString(l.activation)},
                          {"groups", l.groups},
                          {"batch_norm", l.batchNorm.empty() ? adaround::Json() : adaround::Json(l.batchNorm)}});
    adaround::Json doc = {{"model", model.path()},
                          {"layers", layers},
                          {"left_in_float", floatLayersJson(model.floatLayers())},
                          {"notes", model.notes()}};
    std::cout << adaround::dumpJson(doc) << std::endl;
}

int runInspect(const InspectOptions& o)
{
    const bool json = flagIsSet(o.json);
    auto model = adaround::Model::load(o.model);
    if (flagIsSet(o.foldBn))
        model->foldBatchNorm();
    if (json) {
        printJson(*model);
        return kOk;
    }
    const auto& layers = model->layers();
    TextTable table({"#", "layer", "kind", "weight", "params", "BatchNorm", "activation"},
                    {true, false, false, false, true, false, false});
    int64_t total = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        total += l.params;
        table.addRow({std::to_string(i), l.name, adaround::describeKind(l), adaround::shapeString(l.weightShape),
                      std::to_string(l.params), l.batchNorm.empty() ? "-" : l.batchNorm,
                      adaround::toString(l.activation)});
    }
    std::cout << model->path() << ": " << layers.size() << " quantizable layers, " << total << " parameters\n\n";
    table.print(std::cout);
    printFloatLayers(model->floatLayers(), std::cout);
    for (const auto& n : model->notes())
        std::cout << "note: " << n << "\n";
    return kOk;
}

} // namespace

CommandRunner addInspectCommand(CLI::App& app)
{
    auto o = std::make_shared<InspectOptions>();
    CLI::App* cmd = app.add_subcommand("inspect", "List the quantizable layers (Conv2d, Linear) in forward order.");
    cmd->add_option("MODEL", o->model, "TorchScript model file (.pt)")->required()->type_name("");
    o->json = addPlainFlag(*cmd, "--json", "print the layers as one JSON object on stdout");
    o->foldBn = addPlainFlag(*cmd, "--fold-bn", "fold BatchNorms into the convolutions first");
    return [o, cmd] {
        rejectLeftovers(*cmd);
        return runInspect(*o);
    };
}

} // namespace cli
