// The hyperparameter panel: presets set the documented values, every knob maps
// to the config and back, and the β preview follows the inputs.
#include "beta_schedule_plot.h"
#include "hyperparameter_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QtTest>

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
        auto boxes = panel.findChildren<QDoubleSpinBox*>();
        QDoubleSpinBox* lambda = nullptr;
        for (auto* b : boxes)
            if (b->toolTip().contains(QStringLiteral("AIMET and BRECQ")))
                lambda = b;
        QVERIFY(lambda);
        lambda->setValue(0.2);
        QCOMPARE(panel.config().lambda, 0.2);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(bits.count(), 0);
        for (auto* b : panel.findChildren<QSpinBox*>())
            if (b->toolTip().startsWith(QStringLiteral("Weight bits")))
                b->setValue(3);
        QCOMPARE(panel.config().bits.defaultBits, 3);
        QCOMPARE(bits.count(), 1);
    }

    void everyEditorHasATooltip()
    {
        HyperparameterPanel panel;
        for (QWidget* w : panel.findChildren<QAbstractSpinBox*>())
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
        for (QComboBox* w : panel.findChildren<QComboBox*>())
            QVERIFY(!w->toolTip().isEmpty());
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
        for (auto* b : panel.findChildren<QDoubleSpinBox*>())
            if (b->toolTip().startsWith(QStringLiteral("Fraction of the iterations")))
                b->setValue(0.5);
        QCOMPARE(plot->warmupEnd(), 500.0);
        const auto edited = adaround::AnnealingSchedule::from(panel.config());
        for (int i = 0; i < plot->iterations().size(); ++i)
            QCOMPARE(plot->betas()[i], edited.beta(int(plot->iterations()[i])));
    }
};

QTEST_MAIN(HyperparameterPanelTest)
#include "hyperparameter_panel_test.moc"
