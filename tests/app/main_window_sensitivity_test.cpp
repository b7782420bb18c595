// Run > Per-Layer Sensitivity and Plan on the demo CNN and 100 images of the
// small eval folder: in the background, the layer table's Sensitivity column
// shows each layer's 2-bit drop (equal to the core's analysis) with bars scaled
// to the largest, and Run > Apply Sensitivity Plan gives the layers the plan's
// bits, which the run configuration then carries.
#include "adaround/bit_plan.h"
#include "adaround/sensitivity.h"
#include "layer_table_model.h"
#include "main_window.h"
#include "sensitivity_actions.h"
#include "sensitivity_chart.h"
#include "weight_budget.h"

#include <QAction>
#include <QLocale>
#include <QtTest>

namespace {

// The weight elements of each layer, from its shape.
std::vector<int64_t> weightCounts(const LayerTableModel& table)
{
    std::vector<int64_t> out;
    for (const auto& l : table.layers()) {
        int64_t n = 1;
        for (int64_t d : l.weightShape)
            n *= d;
        out.push_back(n);
    }
    return out;
}

} // namespace

class MainWindowSensitivityTest : public QObject {
    Q_OBJECT
private slots:
    void barsAndAppliedPlan()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.evalSubset = 100;
        w.applyConfig(c);
        LayerTableModel* table = w.layerModel();

        // The budget control's size follows the table's bits, live (a float layer counts 32 bits).
        WeightBudget* budget = w.weightBudget();
        const std::vector<int64_t> counts = weightCounts(*table);
        auto expectedBits = [&] {
            int64_t bits = 0;
            for (size_t i = 0; i < counts.size(); ++i)
                bits += counts[i] * (table->bits()[i] > 0 ? table->bits()[i] : 32);
            return bits;
        };
        QCOMPARE(budget->sizeBits(), expectedBits());
        table->setBits({1, 2}, 2);
        table->setBits({3}, 0);
        QCOMPARE(budget->sizeBits(), expectedBits());
        QVERIFY2(budget->sizeText().contains(QLocale().toString(double(expectedBits()) / 8192.0, 'f', 1) +
                                             QStringLiteral(" KB")),
                 qPrintable(budget->sizeText()));
        int64_t weights = 0;
        for (int64_t n : counts)
            weights += n;
        const double kb = std::ceil(double(expectedBits()) / 8192.0 * 100.0) / 100.0; // the box's 2 decimals
        budget->setBudget(kb, WeightBudget::Kilobytes); // just above this size
        QVERIFY(budget->withinBudget());
        QVERIFY(std::abs(budget->averageBitsBudget() - kb * 8192.0 / double(weights)) < 1e-9);
        budget->setBudget(kb - 0.02, WeightBudget::Kilobytes); // just below
        QVERIFY(!budget->withinBudget());
        budget->setBudget(3.0, WeightBudget::AverageBits);
        table->setBits({0, 1, 2, 3, 4}, 4);
        QCOMPARE(budget->sizeBits(), 4 * weights);
        QVERIFY(!budget->withinBudget());
        QVERIFY(w.sensitivityChart() == nullptr); // made with the first analysis

        QCOMPARE(table->headerData(LayerTableModel::Sensitivity, Qt::Horizontal).toString(),
                 QStringLiteral("Sensitivity"));
        QVERIFY(!table->index(0, LayerTableModel::Sensitivity).data(LayerTableModel::SensitivityBarRole).isValid());

        SensitivityActions* s = w.sensitivity();
        QVERIFY(s->analyseAction()->isEnabled());
        QVERIFY(!s->applyAction()->isEnabled()); // no plan yet
        QVERIFY(s->start(3.0));
        QVERIFY(!s->start(3.0)); // one at a time
        QTRY_VERIFY_WITH_TIMEOUT(w.messageText().contains(QStringLiteral("Plan for")), 120000);
        QVERIFY2(w.messageText().contains(QStringLiteral("measured")), qPrintable(w.messageText()));
        QVERIFY(s->applyAction()->isEnabled());

        // The same drops as the core's analysis of the same request.
        adaround::SensitivityAnalysis analysis(adaround::sensitivityRequestFor(w.buildConfig(), {2}));
        const adaround::SensitivityReport expected = analysis.run();
        QCOMPARE(expected.evalImages, qint64(100));
        QCOMPARE(table->headerData(LayerTableModel::Sensitivity, Qt::Horizontal).toString(),
                 QStringLiteral("Drop at 2 bits"));
        double largestShare = 0;
        for (int row = 0; row < 5; ++row) {
            QCOMPARE(table->sensitivity()[size_t(row)], expected.layers[size_t(row)].bits.at(2).drop);
            const QVariant share = table->index(row, LayerTableModel::Sensitivity).data(LayerTableModel::SensitivityBarRole);
            QVERIFY(share.isValid());
            QVERIFY(share.toDouble() >= 0 && share.toDouble() <= 1);
            largestShare = std::max(largestShare, share.toDouble());
        }
        QCOMPARE(largestShare, 1.0);

        // The chart: one bar set per bit-width, each bar a layer's drop alone at those bits.
        SensitivityChart* chart = w.sensitivityChart();
        QVERIFY(chart);
        QCOMPARE(chart->bitWidths(), (QList<int>{2, 3, 4, 8}));
        for (int bits : chart->bitWidths()) {
            const auto* data = chart->bars(bits)->data().data();
            QCOMPARE(data->size(), int(s->report().layers.size()));
            for (int k = 0; k < data->size(); ++k)
                QCOMPARE(data->at(k)->value, s->report().layers[size_t(k)].bits.at(bits).drop);
        }
        QCOMPARE(s->report().layers[0].bits.at(2).drop, expected.layers[0].bits.at(2).drop);
        QVERIFY(budget->planText().contains(QStringLiteral("Plan:")));

        // Apply: every layer gets its planned bits, and the run's configuration says so.
        QVERIFY(s->hasPlan());
        const std::vector<int> planned = s->plan().bits;
        QVERIFY(s->plan().averageBits() <= 3.0);
        s->applyAction()->trigger();
        QCOMPARE(table->bits(), planned);
        const adaround::AdaRoundConfig after = w.buildConfig();
        QCOMPARE(adaround::resolveBits(table->layers(), after.bits), planned);
        QVERIFY(w.messageText().contains(QStringLiteral("Applied the sensitivity plan")));
        QCOMPARE(budget->sizeBits(), s->plan().sizeBits); // the applied plan's size, as the plan counts it
        QVERIFY(budget->withinBudget());

        // A new budget re-plans from the same analysis at once; applied, the size is within it.
        budget->setBudget(5.0, WeightBudget::AverageBits);
        QVERIFY(s->hasPlan());
        QVERIFY(!s->planMeasured());
        QVERIFY(s->plan().averageBits() <= 5.0 && s->plan().averageBits() > 3.0);
        s->applyAction()->trigger();
        QCOMPARE(table->bits(), s->plan().bits);
        QCOMPARE(budget->sizeBits(), s->plan().sizeBits);
        budget->setBudget(1.0, WeightBudget::Kilobytes); // below every layer at 2 bits
        QVERIFY(!s->hasPlan());
        QVERIFY(!s->applyAction()->isEnabled());
        QVERIFY2(budget->planText().startsWith(QStringLiteral("No plan fits")), qPrintable(budget->planText()));
    }
};

QTEST_MAIN(MainWindowSensitivityTest)
#include "main_window_sensitivity_test.moc"
