// The hyperparameter panel: built from the knob table, presets set the
// documented values, every knob maps to the config and back exactly, typed
// numbers are read exactly, and the β preview follows the inputs.
#include "adaround/knobs.h"
#include "beta_schedule_plot.h"
#include "hyperparameter_panel.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

namespace {

// Replaces the text of EDITOR (a spin box or line edit) by TEXT, typed key by key.
void type(QWidget* editor, const QString& text)
{
    QLineEdit* line = qobject_cast<QLineEdit*>(editor);
    if (!line)
        line = editor->findChild<QLineEdit*>();
    QVERIFY(line);
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
}

} // namespace

class HyperparameterPanelTest : public QObject {
    Q_OBJECT
private slots:
    void presetsSetTheDocumentedValues()
    {
        HyperparameterPanel panel;
        panel.applyPreset(ConfigPreset::FastPreview);
        adaround::AdaRoundConfig c = panel.config();
        QCOMPARE(c.iterations, 500);
        QCOMPARE(c.calibSize, 512);

        panel.applyPreset(ConfigPreset::Paper);
        c = panel.config();
        QCOMPARE(c.iterations, 10000);
        QCOMPARE(c.batchSize, 32);
        QCOMPARE(c.learningRate, 1e-3);
        QCOMPARE(c.lambda, 0.01);
        QCOMPARE(c.betaStart, 20.0);
        QCOMPARE(c.betaEnd, 2.0);
        QCOMPARE(c.warmup, 0.2);
        QCOMPARE(c.calibSize, 1024);
        QVERIFY(c.schedule == adaround::BetaSchedule::Linear);

        panel.applyPreset(ConfigPreset::Aimet);
        c = panel.config();
        QCOMPARE(c.iterations, 10000);
        QCOMPARE(c.lambda, 0.01);
        QVERIFY(c.schedule == adaround::BetaSchedule::Cosine);

        // A preset sets the schedule and the data amounts, not the user's seed or bits.
        c.seed = 12345;
        c.bits.defaultBits = 3;
        panel.setConfig(c);
        panel.applyPreset(ConfigPreset::FastPreview);
        QCOMPARE(panel.config().seed, uint64_t(12345));
        QCOMPARE(panel.config().bits.defaultBits, 3);
        QCOMPARE(panel.config().evalSubset, 500);

        // Teaching: the paper's schedule at 2 bits (ends 8), snapshots every 100 iterations,
        // and it says so; the next preset puts the snapshot interval back, not the bits.
        QSignalSpy applied(&panel, &HyperparameterPanel::presetApplied);
        panel.applyPreset(ConfigPreset::Teaching);
        c = panel.config();
        QCOMPARE(applied.count(), 1);
        QCOMPARE(c.iterations, 10000);
        QCOMPARE(c.lambda, 0.01);
        QCOMPARE(c.bits.defaultBits, 2);
        QCOMPARE(c.bits.firstLastBits, 8);
        QCOMPARE(c.histogramInterval, 100);
        QCOMPARE(c.seed, uint64_t(12345));
        const QString said = presetDescription(ConfigPreset::Teaching);
        for (const char* part : {"default bits 2", "iterations per layer 10000", "histogram interval 100"})
            QVERIFY2(said.contains(QLatin1String(part), Qt::CaseInsensitive), qPrintable(said));
        panel.applyPreset(ConfigPreset::Paper);
        QCOMPARE(panel.config().histogramInterval, adaround::AdaRoundConfig{}.histogramInterval);
        QCOMPARE(panel.config().bits.defaultBits, 2);
    }

    void configRoundTripsThroughThePanel()
    {
        adaround::AdaRoundConfig in;
        in.modelPath = "/models/m.pt"; // not edited by the panel: passes through
        in.iterations = 1234;
        in.batchSize = 16;
        in.learningRate = 3e-4;
        in.lambda = 0.05;
        in.betaStart = 16;
        in.betaEnd = 3;
        in.warmup = 0.1;
        in.schedule = adaround::BetaSchedule::Cosine;
        in.objective = adaround::Objective::Exact;
        in.calibSize = 256;
        in.evalSubset = 0;
        in.seed = 7;
        in.threads = 2;
        in.bits = {3, 0, {}};
        in.quant.perChannel = false;
        in.quant.symmetric = true;
        in.actBits = 8;
        HyperparameterPanel panel;
        panel.setConfig(in);
        const adaround::AdaRoundConfig out = panel.config();
        QCOMPARE(out.modelPath, in.modelPath);
        QCOMPARE(out.iterations, 1234);
        QCOMPARE(out.batchSize, 16);
        QCOMPARE(out.learningRate, 3e-4);
        QCOMPARE(out.lambda, 0.05);
        QCOMPARE(out.betaStart, 16.0);
        QCOMPARE(out.betaEnd, 3.0);
        QCOMPARE(out.warmup, 0.1);
        QVERIFY(out.schedule == adaround::BetaSchedule::Cosine);
        QVERIFY(out.objective == adaround::Objective::Exact);
        QCOMPARE(out.calibSize, 256);
        QCOMPARE(out.evalSubset, 0);
        QCOMPARE(out.seed, uint64_t(7));
        QCOMPARE(out.threads, 2);
        QCOMPARE(out.bits.defaultBits, 3);
        QCOMPARE(out.bits.firstLastBits, 0);
        QVERIFY(!out.quant.perChannel);
        QVERIFY(out.quant.symmetric);
        QCOMPARE(out.actBits, 8);
        in.actBits = 0; // off: the spin box's special value, not an invalid 1
        panel.setConfig(in);
        QCOMPARE(panel.config().actBits, 0);
    }

    void editingAKnobChangesTheConfig()
    {
        HyperparameterPanel panel;
        QSignalSpy changed(&panel, &HyperparameterPanel::changed);
        QSignalSpy bits(&panel, &HyperparameterPanel::bitsChanged);
        auto* lambda = qobject_cast<QDoubleSpinBox*>(panel.editor("lambda"));
        QVERIFY(lambda);
        lambda->setValue(0.2);
        QCOMPARE(panel.config().lambda, 0.2);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(bits.count(), 0);
        auto* defaultBits = qobject_cast<QSpinBox*>(panel.editor("bits"));
        QVERIFY(defaultBits);
        defaultBits->setValue(3);
        QCOMPARE(panel.config().bits.defaultBits, 3);
        QCOMPARE(bits.count(), 1);
        qobject_cast<QCheckBox*>(panel.editor("symmetric"))->setChecked(true);
        QVERIFY(panel.config().quant.symmetric);
        QCOMPARE(bits.count(), 1); // not a bits knob
    }

    void everyEditorHasATooltip()
    {
        HyperparameterPanel panel;
        for (QWidget* w : panel.findChildren<QAbstractSpinBox*>())
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
        for (QComboBox* w : panel.findChildren<QComboBox*>())
            QVERIFY(!w->toolTip().isEmpty());
    }

    void everyPanelKnobHasAnEditorFromTheTable()
    {
        HyperparameterPanel panel;
        int inPanel = 0;
        for (const adaround::Knob& k : adaround::knobTable()) {
            QWidget* editor = panel.editor(k.key);
            if (!k.inPanel) {
                QVERIFY2(!editor, k.key.c_str());
                continue;
            }
            ++inPanel;
            QVERIFY2(editor, k.key.c_str());
            QCOMPARE(editor->objectName(), QString::fromStdString(k.key));
            QCOMPARE(editor->toolTip(), QString::fromStdString(k.help));
            if (k.type == adaround::KnobType::Choice) {
                auto* combo = qobject_cast<QComboBox*>(editor);
                QVERIFY(combo);
                QCOMPARE(size_t(combo->count()), k.choices.size());
                for (size_t i = 0; i < k.choices.size(); ++i)
                    QCOMPARE(combo->itemText(int(i)), QString::fromStdString(k.choices[i]));
            }
            if (k.type == adaround::KnobType::Int && !k.zeroMeans.empty())
                QCOMPARE(qobject_cast<QSpinBox*>(editor)->specialValueText(), QString::fromStdString(k.zeroMeans));
            if (k.type == adaround::KnobType::Bool)
                QCOMPARE(qobject_cast<QCheckBox*>(editor)->text(), QString::fromStdString(k.label));
        }
        QVERIFY(inPanel >= 15); // the table's panel knobs, not a handful
        // The default config shows the table's defaults.
        const adaround::AdaRoundConfig shown = panel.config();
        for (const adaround::Knob& k : adaround::knobTable())
            QVERIFY2(k.get(shown) == k.defaultValue(), k.key.c_str());
    }

    void valuesRoundTripExactly()
    {
        adaround::AdaRoundConfig in;
        in.lambda = 3e-6;         // was rounded to 0 by a 5-decimal spin box
        in.learningRate = 5e-7;   // was rounded to 1e-6
        in.seed = 18446744073709551615ull; // was an int32
        in.betaStart = 0.1 + 0.2; // 0.30000000000000004: needs all 17 digits
        HyperparameterPanel panel;
        panel.setConfig(in);
        adaround::AdaRoundConfig out = panel.config();
        QCOMPARE(out.lambda, 3e-6);
        QCOMPARE(out.learningRate, 5e-7);
        QCOMPARE(out.seed, uint64_t(18446744073709551615ull));
        QVERIFY(out.betaStart == 0.1 + 0.2);
        QCOMPARE(qobject_cast<QDoubleSpinBox*>(panel.editor("lambda"))->text(), QStringLiteral("3e-06"));
        QCOMPARE(qobject_cast<QLineEdit*>(panel.editor("seed"))->text(), QStringLiteral("18446744073709551615"));
        // Every knob the panel edits, compared through the table.
        for (const adaround::Knob& k : adaround::knobTable())
            QVERIFY2(k.get(out) == k.get(in), k.key.c_str());
    }

    void typedNumbersAreReadExactly()
    {
        HyperparameterPanel panel;
        panel.show();
        QSignalSpy changed(&panel, &HyperparameterPanel::changed);
        type(panel.editor("learning_rate"), QStringLiteral("0.0005"));
        QCOMPARE(panel.config().learningRate, 0.0005);
        type(panel.editor("lambda"), QStringLiteral("3e-6"));
        QCOMPARE(panel.config().lambda, 3e-6);
        type(panel.editor("seed"), QStringLiteral("18446744073709551615"));
        QCOMPARE(panel.config().seed, uint64_t(18446744073709551615ull));
        QVERIFY(changed.count() >= 3);

        // Past the maximum or not a number: the keystroke is refused, so the text
        // always shows the value in use; an unfinished field shows it again when left.
        auto* seed = qobject_cast<QLineEdit*>(panel.editor("seed"));
        type(seed, QStringLiteral("18446744073709551616")); // 2^64
        QCOMPARE(seed->text(), QStringLiteral("1844674407370955161"));
        QCOMPARE(panel.config().seed, uint64_t(1844674407370955161ull));
        type(seed, QString());
        QCOMPARE(panel.config().seed, uint64_t(1844674407370955161ull)); // empty is not 0
        QFocusEvent focusOut(QEvent::FocusOut);
        QApplication::sendEvent(seed, &focusOut);
        QCOMPARE(seed->text(), QStringLiteral("1844674407370955161"));
        type(seed, QStringLiteral("-1"));
        QCOMPARE(seed->text(), QStringLiteral("1"));
        type(seed, QStringLiteral("12abc"));
        QCOMPARE(seed->text(), QStringLiteral("12")); // letters are refused at the keystroke
        QCOMPARE(panel.config().seed, uint64_t(12));
        type(panel.editor("learning_rate"), QStringLiteral("0,5")); // ',' is never read as a decimal point
        QCOMPARE(panel.config().learningRate, 0.0005);
        type(panel.editor("learning_rate"), QStringLiteral("1e-3x"));
        QCOMPARE(panel.config().learningRate, 1e-3);
    }

    void betaPreviewFollowsTheInputs()
    {
        HyperparameterPanel panel;
        adaround::AdaRoundConfig c;
        c.iterations = 1000;
        c.warmup = 0.3;
        c.betaStart = 12;
        c.betaEnd = 1.5;
        c.schedule = adaround::BetaSchedule::Cosine;
        panel.setConfig(c);
        const auto schedule = adaround::AnnealingSchedule::from(c);
        BetaSchedulePlot* plot = panel.schedulePlot();
        QVERIFY(plot->iterations().size() > 50);
        QCOMPARE(plot->iterations().front(), 0.0);
        QCOMPARE(plot->iterations().back(), 1000.0);
        for (int i = 0; i < plot->iterations().size(); ++i)
            QCOMPARE(plot->betas()[i], schedule.beta(int(plot->iterations()[i])));
        QCOMPARE(plot->warmupEnd(), 300.0);
        QCOMPARE(plot->betas().back(), 1.5);

        // Editing a knob moves the curve.
        qobject_cast<QDoubleSpinBox*>(panel.editor("warmup"))->setValue(0.5);
        QCOMPARE(plot->warmupEnd(), 500.0);
        const auto edited = adaround::AnnealingSchedule::from(panel.config());
        for (int i = 0; i < plot->iterations().size(); ++i)
            QCOMPARE(plot->betas()[i], edited.beta(int(plot->iterations()[i])));
    }
};

QTEST_MAIN(HyperparameterPanelTest)
#include "hyperparameter_panel_test.moc"
