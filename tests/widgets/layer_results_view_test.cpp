// LayerResultsView with the real layer names of the demo MobileNetV2: names
// shown whole when they fit, elided in the middle with the full name as a
// tooltip when the table is narrow, and a horizontal scroll bar rather than
// cut columns.
#include "adaround/model.h"
#include "layer_results_model.h"
#include "layer_results_view.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QtTest>

class LayerResultsViewTest : public QObject {
    Q_OBJECT
    std::unique_ptr<adaround::Model> model_ = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");

    void fill(LayerResultsModel& results)
    {
        for (const auto& l : model_->layers()) {
            adaround::LayerFinished f;
            f.layer = int(&l - model_->layers().data());
            f.name = l.name;
            f.bits = 4;
            f.recMseRtn = 1.2345e-3;
            f.seconds = 12.5;
            results.addLayer(f);
        }
    }

    QString longestName() const
    {
        QString longest;
        for (const auto& l : model_->layers())
            if (l.name.size() > size_t(longest.size()))
                longest = QString::fromStdString(l.name);
        return longest;
    }

private slots:
    void namesFitWhenThereIsRoom()
    {
        LayerResultsModel results;
        LayerResultsView view;
        view.setModel(&results);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        fill(results); // rows arrive as layers finish
        const QString longest = longestName();
        QVERIFY2(longest.size() >= 15, qPrintable(longest));
        const int textWidth = view.fontMetrics().horizontalAdvance(longest);
        const int column = view.horizontalHeader()->sectionSize(LayerResultsModel::Layer);
        qInfo("longest name %s: %d px of text, column %d px", qPrintable(longest), textWidth, column);
        QVERIFY(column >= textWidth);
        QVERIFY(column <= view.nameColumnCap());
    }

    void narrowTablesElideInTheMiddleAndScroll()
    {
        LayerResultsModel results;
        fill(results);
        LayerResultsView view;
        view.setModel(&results);
        view.resize(200, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString longest = longestName();
        const int row = int(std::find_if(model_->layers().begin(), model_->layers().end(),
                                         [&](const auto& l) { return QString::fromStdString(l.name) == longest; }) -
                            model_->layers().begin());
        const int column = view.horizontalHeader()->sectionSize(LayerResultsModel::Layer);
        QVERIFY(column <= view.nameColumnCap());
        QVERIFY(column < view.fontMetrics().horizontalAdvance(longest)); // does not fit: elided...
        QCOMPARE(view.textElideMode(), Qt::ElideMiddle);                 // ...in the middle
        QCOMPARE(results.index(row, LayerResultsModel::Layer).data(Qt::ToolTipRole).toString(), longest);
        // Every other column keeps its contents' width: the table scrolls sideways instead.
        for (int c = LayerResultsModel::Bits; c < LayerResultsModel::ColumnCount - 1; ++c) {
            QCOMPARE(view.horizontalHeader()->sectionResizeMode(c), QHeaderView::ResizeToContents);
            const QString text = results.index(0, c).data().toString();
            QVERIFY(view.horizontalHeader()->sectionSize(c) >= view.fontMetrics().horizontalAdvance(text));
        }
        QVERIFY(view.horizontalScrollBar()->maximum() > 0);
        // Widened by hand, the column stays as set.
        view.horizontalHeader()->resizeSection(LayerResultsModel::Layer, 400);
        view.resize(300, 300);
        QCOMPARE(view.horizontalHeader()->sectionSize(LayerResultsModel::Layer), 400);
    }
};

QTEST_MAIN(LayerResultsViewTest)
#include "layer_results_view_test.moc"
