#include "adaround/json_writer.h"
#include "adaround/model.h"
#include "arg_parser.h"
#include "commands.h"
#include "text_table.h"

#include <iostream>

namespace cli {

int runInspect(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("json").flag("fold-bn");
    p.parse(args);
    if (p.positionals().size() != 1)
        throw UsageError("inspect needs exactly one MODEL argument");
    auto model = adaround::Model::load(p.positionals()[0]);
    if (p.has("fold-bn"))
        model->foldBatchNorm();
    const auto& layers = model->layers();

    if (p.has("json")) {
        adaround::JsonWriter j;
        j.beginObject().key("model").value(model->path()).key("layers").beginArray();
        for (const auto& l : layers) {
            j.beginObject().key("name").value(l.name).key("kind").value(adaround::describeKind(l));
            j.key("weight_shape").beginArray();
            for (int64_t d : l.weightShape)
                j.value(d);
            j.endArray();
            j.key("params").value(l.params).key("activation").value(adaround::toString(l.activation));
            j.key("groups").value(l.groups).key("batch_norm");
            if (l.batchNorm.empty())
                j.null();
            else
                j.value(l.batchNorm);
            j.endObject();
        }
        j.endArray().key("notes").beginArray();
        for (const auto& n : model->notes())
            j.value(n);
        j.endArray().endObject();
        std::cout << j.str() << std::endl;
        return kOk;
    }

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
    for (const auto& n : model->notes())
        std::cout << "note: " << n << "\n";
    return kOk;
}

} // namespace cli
