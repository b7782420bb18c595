#include "hyperparameter_panel.h"

#include "beta_schedule_plot.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

HyperparameterPanel::HyperparameterPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    preset_ = new QComboBox(this);
    preset_->addItem(tr("Choose a preset..."));
    preset_->addItems(presetNames());
    preset_->setToolTip(tr("Sets the optimisation knobs to a known recipe: the paper's, AIMET's (cosine β "
                           "decay), or a short run for a quick look."));
    connect(preset_, &QComboBox::activated, this, [this](int i) {
        if (i > 0)
            applyPreset(ConfigPreset(i - 1));
        preset_->setCurrentIndex(0);
    });
    layout->addWidget(preset_);

    auto* optimisation = new QGroupBox(tr("Optimisation"), this);
    auto* form = new QFormLayout(optimisation);
    iterations_ = intBox(1, 1000000, tr("Adam steps per layer. The paper and AIMET use 10,000; a few hundred "
                                        "already show the rounding settle."));
    iterations_->setSingleStep(100);
    form->addRow(tr("Iterations per layer"), iterations_);
    batch_ = intBox(1, 4096, tr("Calibration images per optimisation step (paper: 32)."));
    form->addRow(tr("Batch size"), batch_);
    lr_ = realBox(1e-6, 1.0, 6, 1e-4, tr("Adam learning rate on the rounding variables V (paper: 1e-3)."));
    form->addRow(tr("Learning rate"), lr_);
    lambda_ = realBox(0, 100, 5, 0.001,
                      tr("Weight λ of the rounding regulariser Σ(1 − |2h(V) − 1|^β) that pushes h(V) to 0 or 1. "
                         "The reconstruction loss is summed over channels and averaged over batch and positions "
                         "(as AIMET and BRECQ), so their λ = 0.01 carries over."));
    auto* lambdaNote = new QLabel(tr("rec summed over channels, mean over batch and positions — AIMET/BRECQ"), this);
    lambdaNote->setWordWrap(true);
    lambdaNote->setStyleSheet(QStringLiteral("color: palette(mid); font-size: small;"));
    auto* lambdaBox = new QVBoxLayout;
    lambdaBox->addWidget(lambda_);
    lambdaBox->addWidget(lambdaNote);
    form->addRow(tr("λ (rounding loss)"), lambdaBox);
    betaStart_ = realBox(0.01, 1000, 2, 1, tr("β when the regulariser switches on after the warm-up. A large β "
                                              "lets h(V) move freely (paper: 20)."));
    form->addRow(tr("β start"), betaStart_);
    betaEnd_ = realBox(0.01, 1000, 2, 1, tr("β at the last iteration. A small β pushes every h(V) to 0 or 1 "
                                            "(paper: 2)."));
    form->addRow(tr("β end"), betaEnd_);
    warmup_ = realBox(0, 0.99, 2, 0.05, tr("Fraction of the iterations with the rounding loss off, so the "
                                           "reconstruction settles first (paper: 0.2)."));
    form->addRow(tr("Warm-up"), warmup_);
    schedule_ = new QComboBox(this);
    schedule_->addItems({tr("linear (BRECQ)"), tr("cosine (AIMET)")});
    schedule_->setToolTip(tr("How β decays from start to end after the warm-up: a straight line, or AIMET's "
                             "cosine curve that stays high longer."));
    form->addRow(tr("β decay"), schedule_);
    objective_ = new QComboBox(this);
    objective_->addItems({tr("paper (minibatch)"), tr("exact (second moments)")});
    objective_->setToolTip(tr("Paper: the reconstruction loss on minibatches. Exact: a quadratic form over all "
                              "calibration data, much cheaper for early convs; used for layers without an "
                              "activation after them."));
    form->addRow(tr("Objective"), objective_);
    layout->addWidget(optimisation);

    auto* quant = new QGroupBox(tr("Quantization"), this);
    auto* qform = new QFormLayout(quant);
    bits_ = intBox(2, 8, tr("Weight bits for every layer unless the layer table says otherwise."));
    qform->addRow(tr("Default bits"), bits_);
    firstLastBits_ = intBox(0, 8, tr("Bits for the first and the last layer, which are the most sensitive "
                                     "(0 = same as the default)."));
    firstLastBits_->setSpecialValueText(tr("same as default"));
    qform->addRow(tr("First/last layer bits"), firstLastBits_);
    granularity_ = new QComboBox(this);
    granularity_->addItems({tr("per output channel"), tr("per tensor")});
    granularity_->setToolTip(tr("One scale and zero-point per output channel (more accurate), or one for the "
                                "whole weight tensor."));
    qform->addRow(tr("Granularity"), granularity_);
    symmetry_ = new QComboBox(this);
    symmetry_->addItems({tr("asymmetric"), tr("symmetric")});
    symmetry_->setToolTip(tr("Asymmetric grids fit the weight range with a zero-point; symmetric grids fix the "
                             "zero-point at the middle of the grid."));
    qform->addRow(tr("Symmetry"), symmetry_);
    // 1 is not a valid width: the spin box's minimum stands for "off" instead.
    actBits_ = intBox(1, 16, tr("Also quantize activations: the input of every quantized layer gets a per-tensor "
                                "grid fitted by MSE, and AdaRound sees (and the accuracies include) its error."));
    actBits_->setSpecialValueText(tr("off (float)"));
    qform->addRow(tr("Activation bits"), actBits_);
    layout->addWidget(quant);

    auto* data = new QGroupBox(tr("Data and runtime"), this);
    auto* dform = new QFormLayout(data);
    calibSize_ = intBox(1, 1000000, tr("Calibration images sampled from the calibration folder (paper: 1024). "
                                       "Must be at least the batch size."));
    dform->addRow(tr("Calibration images"), calibSize_);
    evalSubset_ = intBox(0, 1000000, tr("Evaluation images for the accuracy curve after each layer "
                                        "(0 = skip it). The final accuracy always uses the whole folder."));
    evalSubset_->setSpecialValueText(tr("no curve"));
    dform->addRow(tr("Eval subset"), evalSubset_);
    seed_ = intBox(0, 2147483647, tr("Seeds the calibration sample and the minibatch order: the same seed "
                                     "gives the same run."));
    dform->addRow(tr("Seed"), seed_);
    threads_ = intBox(0, 256, tr("Worker threads for LibTorch (0 = all %1 cores).").arg(QThread::idealThreadCount()));
    threads_->setSpecialValueText(tr("all cores"));
    dform->addRow(tr("Threads"), threads_);
    layout->addWidget(data);

    preview_ = new BetaSchedulePlot(this);
    preview_->setToolTip(tr("β over one layer's iterations as the run will use it; the shaded part is the "
                            "warm-up without the rounding loss."));
    layout->addWidget(preview_, 1);

    for (QSpinBox* b : {iterations_, batch_, calibSize_, evalSubset_, seed_, threads_, bits_, firstLastBits_, actBits_})
        connect(b, &QSpinBox::valueChanged, this, [this] { if (!loading_) emit changed(); });
    for (QDoubleSpinBox* b : {lr_, lambda_, betaStart_, betaEnd_, warmup_})
        connect(b, &QDoubleSpinBox::valueChanged, this, [this] { if (!loading_) emit changed(); });
    for (QComboBox* b : {schedule_, objective_, granularity_, symmetry_})
        connect(b, &QComboBox::currentIndexChanged, this, [this] { if (!loading_) emit changed(); });
    for (QSpinBox* b : {bits_, firstLastBits_})
        connect(b, &QSpinBox::valueChanged, this, [this] { if (!loading_) emit bitsChanged(); });
    connect(this, &HyperparameterPanel::changed, this, &HyperparameterPanel::updatePreview);

    setConfig({});
}

QSpinBox* HyperparameterPanel::intBox(int min, int max, const QString& tip)
{
    auto* b = new QSpinBox(this);
    b->setRange(min, max);
    b->setToolTip(tip);
    b->setGroupSeparatorShown(true);
    return b;
}

QDoubleSpinBox* HyperparameterPanel::realBox(double min, double max, int decimals, double step, const QString& tip)
{
    auto* b = new QDoubleSpinBox(this);
    b->setRange(min, max);
    b->setDecimals(decimals);
    b->setSingleStep(step);
    b->setToolTip(tip);
    return b;
}

adaround::AdaRoundConfig HyperparameterPanel::config() const
{
    adaround::AdaRoundConfig c = base_;
    c.iterations = iterations_->value();
    c.batchSize = batch_->value();
    c.learningRate = lr_->value();
    c.lambda = lambda_->value();
    c.betaStart = betaStart_->value();
    c.betaEnd = betaEnd_->value();
    c.warmup = warmup_->value();
    c.schedule = schedule_->currentIndex() == 1 ? adaround::BetaSchedule::Cosine : adaround::BetaSchedule::Linear;
    c.objective = objective_->currentIndex() == 1 ? adaround::Objective::Exact : adaround::Objective::Paper;
    c.bits.defaultBits = bits_->value();
    c.bits.firstLastBits = firstLastBits_->value();
    c.quant.perChannel = granularity_->currentIndex() == 0;
    c.quant.symmetric = symmetry_->currentIndex() == 1;
    c.actBits = actBits_->value() == actBits_->minimum() ? 0 : actBits_->value();
    c.calibSize = calibSize_->value();
    c.evalSubset = evalSubset_->value();
    c.seed = uint64_t(seed_->value());
    c.threads = threads_->value();
    return c;
}

void HyperparameterPanel::setConfig(const adaround::AdaRoundConfig& c)
{
    base_ = c;
    loading_ = true;
    iterations_->setValue(c.iterations);
    batch_->setValue(c.batchSize);
    lr_->setValue(c.learningRate);
    lambda_->setValue(c.lambda);
    betaStart_->setValue(c.betaStart);
    betaEnd_->setValue(c.betaEnd);
    warmup_->setValue(c.warmup);
    schedule_->setCurrentIndex(c.schedule == adaround::BetaSchedule::Cosine ? 1 : 0);
    objective_->setCurrentIndex(c.objective == adaround::Objective::Exact ? 1 : 0);
    bits_->setValue(c.bits.defaultBits);
    firstLastBits_->setValue(c.bits.firstLastBits);
    granularity_->setCurrentIndex(c.quant.perChannel ? 0 : 1);
    symmetry_->setCurrentIndex(c.quant.symmetric ? 1 : 0);
    actBits_->setValue(c.actBits == 0 ? actBits_->minimum() : c.actBits);
    calibSize_->setValue(c.calibSize);
    evalSubset_->setValue(c.evalSubset);
    seed_->setValue(int(std::min<uint64_t>(c.seed, 2147483647)));
    threads_->setValue(c.threads);
    loading_ = false;
    emit changed();
}

void HyperparameterPanel::applyPreset(ConfigPreset preset)
{
    adaround::AdaRoundConfig c = config();
    ::applyPreset(c, preset);
    setConfig(c);
}

void HyperparameterPanel::updatePreview()
{
    preview_->setSchedule(adaround::AnnealingSchedule::from(config()));
}
