#include "hyperparameter_panel.h"

#include "adaround/knobs.h"
#include "beta_schedule_plot.h"
#include "knob_editor.h"
#include "wheel_guard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace {

using adaround::KnobGroup;

// The group boxes, in the order the panel shows them: what is tuned most comes first.
const std::pair<KnobGroup, const char*> groups[] = {
    {KnobGroup::Optimisation, QT_TRANSLATE_NOOP("HyperparameterPanel", "Optimisation")},
    {KnobGroup::Quantization, QT_TRANSLATE_NOOP("HyperparameterPanel", "Quantization")},
    {KnobGroup::Data, QT_TRANSLATE_NOOP("HyperparameterPanel", "Data")},
    {KnobGroup::Runtime, QT_TRANSLATE_NOOP("HyperparameterPanel", "Runtime")},
    {KnobGroup::Observation, QT_TRANSLATE_NOOP("HyperparameterPanel", "Observation")},
};

} // namespace

HyperparameterPanel::HyperparameterPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);

    preset_ = new QComboBox(this);
    preset_->addItem(tr("Choose a preset..."));
    preset_->addItems(presetNames());
    preset_->setToolTip(tr("Sets the optimisation knobs to a known recipe: the paper's, AIMET's (cosine β "
                           "decay), a short run for a quick look, or a lesson's run (2-bit, the paper's 10,000 "
                           "iterations: h(V) collapses onto 0 and 1 in view)."));
    for (int i = 0; i < presetNames().size(); ++i)
        preset_->setItemData(i + 1, presetDescription(ConfigPreset(i)), Qt::ToolTipRole);
    connect(preset_, &QComboBox::activated, this, [this](int i) {
        if (i > 0)
            applyPreset(ConfigPreset(i - 1));
        preset_->setCurrentIndex(0);
    });
    layout->addWidget(preset_);
    WheelGuard::install(preset_); // scrolling the panel never picks a preset

    for (const auto& [group, title] : groups) {
        QGroupBox* box = nullptr;
        QFormLayout* form = nullptr;
        for (const adaround::Knob& knob : adaround::knobTable()) {
            if (!knob.inPanel || knob.group != group)
                continue;
            if (!box) {
                box = new QGroupBox(tr(title), this);
                form = new QFormLayout(box);
                layout->addWidget(box);
            }
            KnobEditor* editor = KnobEditor::create(knob, box);
            editors_ << editor;
            connect(editor, &KnobEditor::edited, this, &HyperparameterPanel::onEdited);
            if (knob.type == adaround::KnobType::Bool)
                form->addRow(editor->widget()); // a check box carries its label
            else
                form->addRow(QString::fromStdString(knob.label), editor->widget());
            if (knob.key == "lambda") {
                // How the losses are scaled decides which λ values from the literature apply.
                auto* note = new QLabel(tr("rec summed over channels, mean over batch and positions — AIMET/BRECQ"), box);
                note->setWordWrap(true);
                note->setStyleSheet(QStringLiteral("color: palette(mid); font-size: small;"));
                form->addRow(QString(), note);
            }
        }
    }

    preview_ = new BetaSchedulePlot(this);
    preview_->setToolTip(tr("β over one layer's iterations as the run will use it; the shaded part is the "
                            "warm-up without the rounding loss."));
    layout->addWidget(preview_, 1);
    connect(this, &HyperparameterPanel::changed, this, &HyperparameterPanel::updatePreview);

    setConfig({});
}

adaround::AdaRoundConfig HyperparameterPanel::config() const
{
    adaround::AdaRoundConfig c = base_;
    for (const KnobEditor* e : editors_)
        e->knob().set(c, e->value());
    return c;
}

void HyperparameterPanel::setConfig(const adaround::AdaRoundConfig& c)
{
    base_ = c;
    loading_ = true;
    for (KnobEditor* e : editors_)
        e->setValue(e->knob().get(c));
    loading_ = false;
    shownBits_ = config().bits;
    emit changed();
}

QWidget* HyperparameterPanel::editor(const std::string& key) const
{
    for (const KnobEditor* e : editors_)
        if (e->knob().key == key)
            return e->widget();
    return nullptr;
}

void HyperparameterPanel::onEdited()
{
    if (loading_)
        return;
    emit changed();
    const adaround::BitPlan bits = config().bits;
    if (bits.defaultBits != shownBits_.defaultBits || bits.firstLastBits != shownBits_.firstLastBits) {
        shownBits_ = bits;
        emit bitsChanged();
    }
}

void HyperparameterPanel::applyPreset(ConfigPreset preset)
{
    adaround::AdaRoundConfig c = config();
    const adaround::BitPlan before = c.bits;
    ::applyPreset(c, preset);
    setConfig(c);
    // A preset's bits reach the layer table as an edited default would (user-set layers kept).
    if (c.bits.defaultBits != before.defaultBits || c.bits.firstLastBits != before.firstLastBits)
        emit bitsChanged();
    emit presetApplied(preset);
}

void HyperparameterPanel::updatePreview()
{
    preview_->setSchedule(adaround::AnnealingSchedule::from(config()));
}
