#include "knob_rows_p.h"

namespace adaround::knobrows {
namespace {

// A Choice knob on an enum field whose words are NAMES in enum order.
template <class E>
Knob choiceField(E AdaRoundConfig::*field, const std::vector<std::string>& names)
{
    Knob k;
    k.type = KnobType::Choice;
    k.choices = names;
    k.get = [field, &names](const AdaRoundConfig& c) { return KnobValue(names.at(size_t(c.*field))); };
    k.set = [field, &names](AdaRoundConfig& c, const KnobValue& v) {
        const auto& s = std::get<std::string>(v);
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == s)
                c.*field = E(i);
    };
    return k;
}

} // namespace

void addOptimisationKnobs(std::vector<Knob>& t)
{
    using G = KnobGroup;
    auto add = [&](Knob k) -> Knob& { return t.emplace_back(std::move(k)); };
    add(ranged(with(intField(&AdaRoundConfig::iterations), "iterations", {"iters", "iterations"},
                    "Iterations per layer", G::Optimisation,
                    "Adam steps per layer (paper and AIMET: 10,000; a few hundred already show the rounding settle)"),
               1, 10000000, "iterations"));
    add(ranged(with(intField(&AdaRoundConfig::batchSize), "batch_size", {"batch", "batch-size"}, "Batch size",
                    G::Optimisation, "calibration images per optimisation step (paper: 32)"),
               1, 65536, "images"));
    {
        Knob k = ranged(with(realField(&AdaRoundConfig::learningRate), "learning_rate", {"lr", "learning-rate"},
                             "Learning rate", G::Optimisation,
                             "Adam learning rate on the rounding variables V (paper: 1e-3)"),
                        1e-12, 100);
        k.logScale = true;
        add(std::move(k));
    }
    {
        Knob k = ranged(with(realField(&AdaRoundConfig::lambda), "lambda", {"lambda"}, "λ (rounding loss)",
                             G::Optimisation,
                             "weight of the rounding regulariser; rec is summed over channels and averaged over "
                             "batch and positions (AIMET/BRECQ), so their 0.01 carries over"),
                        0, 1e6);
        k.logScale = true;
        add(std::move(k));
    }
    add(ranged(with(realField(&AdaRoundConfig::betaStart), "beta_start", {"beta-start"}, "β start", G::Optimisation,
                    "β when the regulariser switches on after the warm-up; large β lets h(V) move (paper: 20)"),
               1e-3, 1e4));
    add(ranged(with(realField(&AdaRoundConfig::betaEnd), "beta_end", {"beta-end"}, "β end", G::Optimisation,
                    "β at the last iteration; small β pushes every h(V) to 0 or 1 (paper: 2)"),
               1e-3, 1e4));
    add(ranged(with(realField(&AdaRoundConfig::warmup), "warmup", {"warmup"}, "Warm-up", G::Optimisation,
                    "fraction of the iterations with the rounding loss off (paper: 0.2)"),
               0, 0.999, "of iterations"));
    {
        Knob k = with(Knob{}, "schedule", {"schedule"}, "β decay", G::Optimisation,
                      "how β decays after the warm-up: linear (BRECQ) or cosine (AIMET)");
        k.type = KnobType::Choice;
        k.choices = {"linear", "cosine"};
        k.get = [](const AdaRoundConfig& c) { return KnobValue(toString(c.schedule)); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.schedule = parseSchedule(std::get<std::string>(v)); };
        add(std::move(k));
    }
    {
        Knob k = with(Knob{}, "objective", {"objective"}, "Objective", G::Optimisation,
                      "paper: minibatch reconstruction loss; exact: second-moment form over all calibration data "
                      "(layers without an activation after them); auto: exact where it is exact and cheaper, "
                      "paper elsewhere");
        k.type = KnobType::Choice;
        k.choices = objectiveNames();
        k.get = [](const AdaRoundConfig& c) { return KnobValue(toString(c.objective)); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.objective = parseObjective(std::get<std::string>(v)); };
        add(std::move(k));
    }
    {
        Knob k = with(Knob{}, "seed", {"seed"}, "Seed", G::Optimisation,
                      "seeds the calibration sample and the minibatch order: the same seed gives the same run");
        k.type = KnobType::UInt64;
        k.get = [](const AdaRoundConfig& c) { return KnobValue(c.seed); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.seed = std::get<uint64_t>(v); };
        add(std::move(k));
    }

    // The paper's design choices, to test them (issue 14); defaults are the paper's.
    add(with(choiceField(&AdaRoundConfig::reconInput, reconInputNames()), "recon_input", {"recon-input"},
             "Reconstruction input", G::Optimisation,
             "quantized: the layer's input x^ in the partly quantized model (paper); float: its input x in the "
             "FP32 model"));
    add(with(choiceField(&AdaRoundConfig::reconTarget, reconTargetNames()), "recon_target", {"recon-target"},
             "Reconstruction target", G::Optimisation,
             "post: the output after the activation f_a (paper); pre: the output before it"));
    add(with(choiceField(&AdaRoundConfig::relaxation, relaxationNames()), "relaxation", {"relaxation"},
             "Relaxation", G::Optimisation,
             "rectified-sigmoid with the annealed regulariser (paper); sigmoid-temperature: sigmoid(V/T), T "
             "annealed, no regulariser; ste: hard rounding forward, the soft gradient back; none: lambda = 0"));
}

} // namespace adaround::knobrows
