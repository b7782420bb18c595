// LayerEditor on the real demo models, driven with mouse and keys: the Bits
// drop-down opens on one click with the current value and applies a choice at
// once, works from the keyboard, and leaves the value on Esc; the running
// layer is marked, scrolled into view, and stale selections are cleared.
#include "adaround/bit_plan.h"
#include "adaround/model.h"
#include "layer_editor.h"
#include "layer_table_model.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

namespace {

QComboBox* openEditor(const LayerEditor& editor)
{
    return editor.view()->viewport()->findChild<QComboBox*>(QStringLiteral("bitsEditor"));
}

void clickCell(QTableView* view, const QModelIndex& index)
{
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

} // namespace

class LayerEditorTest : public QObject {
    Q_OBJECT
    std::unique_ptr<adaround::Model> cnn_ = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");

private slots:
    void oneClickOpensTheBitsListOnTheCurrentValueAndAChoiceApplies()
    {
        LayerTableModel table;
        table.setLayers(cnn_->layers(), adaround::resolveBits(cnn_->layers(), {}));
        LayerEditor editor(&table);
        editor.resize(700, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy changed(&table, &LayerTableModel::bitsChanged);
        const QModelIndex cell = table.index(1, LayerTableModel::Bits);
        clickCell(editor.view(), cell);
        QComboBox* box = openEditor(editor);
        QVERIFY(box);
        QCOMPARE(box->currentText(), QStringLiteral("4")); // the layer's value
        QStringList items;
        for (int i = 0; i < box->count(); ++i)
            items << box->itemText(i);
        QCOMPARE(items, (QStringList{"2", "3", "4", "5", "6", "7", "8", "fp32"}));
        QTRY_VERIFY(box->view()->isVisible()); // the list is open: no second click needed
        // Choose "6" in the list: two down from 4, Enter.
        QTest::keyClick(box->view(), Qt::Key_Down);
        QTest::keyClick(box->view(), Qt::Key_Down);
        QTest::keyClick(box->view(), Qt::Key_Return);
        QCOMPARE(table.bits()[1], 6); // applied on choosing, no Enter on the cell
        QCOMPARE(changed.count(), 1);
        QTRY_VERIFY(!openEditor(editor)); // and the editor is gone
        QCOMPARE(cell.data().toString(), QStringLiteral("6"));

        // fp32 from the list; a click with Ctrl only selects.
        clickCell(editor.view(), table.index(2, LayerTableModel::Bits));
        box = openEditor(editor);
        QVERIFY(box);
        QTRY_VERIFY(box->view()->isVisible());
        QTest::keyClick(box->view(), Qt::Key_End);
        QTest::keyClick(box->view(), Qt::Key_Return);
        QCOMPARE(table.bits()[2], 0);
        QTRY_VERIFY(!openEditor(editor));
        QTest::mouseClick(editor.view()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          editor.view()->visualRect(table.index(3, LayerTableModel::Bits)).center());
        QVERIFY(!openEditor(editor));
        QVERIFY(editor.selectedRows().contains(3));
    }

    void theKeyboardEditsBitsAndEscLeavesThem()
    {
        LayerTableModel table;
        table.setLayers(cnn_->layers(), adaround::resolveBits(cnn_->layers(), {}));
        LayerEditor editor(&table);
        editor.resize(700, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QModelIndex cell = table.index(3, LayerTableModel::Bits);
        editor.view()->setFocus();
        editor.view()->setCurrentIndex(cell);
        QTest::keyClick(editor.view(), Qt::Key_F2);
        QComboBox* box = openEditor(editor);
        QVERIFY(box);
        QCOMPARE(box->currentText(), QStringLiteral("4"));
        QTRY_VERIFY(box->view()->isVisible());
        QTest::keyClick(box->view(), Qt::Key_Up);
        QTest::keyClick(box->view(), Qt::Key_Escape); // closes the list without a choice
        QTRY_VERIFY(!openEditor(editor));
        QCOMPARE(table.bits()[3], 4);
        QTest::keyClick(editor.view(), Qt::Key_F2);
        box = openEditor(editor);
        QVERIFY(box);
        QTRY_VERIFY(box->view()->isVisible());
        QTest::keyClick(box->view(), Qt::Key_Up);
        QTest::keyClick(box->view(), Qt::Key_Enter);
        QCOMPARE(table.bits()[3], 3);
        // Multi-row "Set bits" stays.
        editor.view()->selectRow(0);
        editor.view()->selectionModel()->select(table.index(4, 0),
                                                QItemSelectionModel::Select | QItemSelectionModel::Rows);
        editor.setSelectedBits(5);
        QCOMPARE(table.bits()[0], 5);
        QCOMPARE(table.bits()[4], 5);
        QCOMPARE(table.bits()[3], 3);
    }

    void theRunningLayerIsMarkedAndKeptInView()
    {
        auto mobilenet = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");
        LayerTableModel table;
        table.setLayers(mobilenet->layers(), adaround::resolveBits(mobilenet->layers(), {}));
        LayerEditor editor(&table);
        editor.resize(700, 220); // a few rows visible of 18
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.selectDepthwise();
        QVERIFY(!editor.selectedRows().isEmpty());
        const QRect viewport = editor.view()->viewport()->rect();
        QVERIFY(!viewport.contains(editor.view()->visualRect(table.index(17, LayerTableModel::Name))));
        editor.markRunningLayer(17);
        QCOMPARE(table.runningLayer(), 17);
        QVERIFY(editor.selectedRows().isEmpty()); // the setup's selection is stale in a run
        QVERIFY(viewport.contains(editor.view()->visualRect(table.index(17, LayerTableModel::Name))));
        editor.markRunningLayer(2);
        QVERIFY(viewport.contains(editor.view()->visualRect(table.index(2, LayerTableModel::Name))));
        editor.markRunningLayer(-1);
        QCOMPARE(table.runningLayer(), -1);
    }
};

QTEST_MAIN(LayerEditorTest)
#include "layer_editor_test.moc"
