// Nothing in the setup changes behind the user's back: the default bits reach
// only the layers the user has not set; viewing a stored run (a real log of a
// real run) leaves the setup alone and "Use This Run's Settings" changes it,
// undoably and exactly; the mouse wheel edits only focused fields. (The folder
// checks and the single error: main_window_folders_test.)
#include "adaround/config_json.h"
#include "adaround/run_log.h"
#include "data_folders_widget.h"
#include "hyperparameter_panel.h"
#include "layer_editor.h"
#include "layer_table_model.h"
#include "main_window.h"
#include "message_bar.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFont>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

namespace {

const QString kCnn = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
const QString kMobileNet = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");
const QString kCalib = QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/calib");
const QString kEval = QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval");

std::string json(const MainWindow& w)
{
    return adaround::configToJson(w.buildConfig());
}

// Everything of the setup that buildConfig() does not show: which layers the user set.
struct Table {
    std::vector<int> bits;
    std::vector<std::string> userSet, rtnOnly;
    bool operator==(const Table& o) const { return bits == o.bits && userSet == o.userSet && rtnOnly == o.rtnOnly; }
};

Table table(const MainWindow& w)
{
    return {w.layerModel()->bits(), w.layerModel()->userSetBitsLayers(), w.layerModel()->rtnOnlyLayers()};
}

// A wheel notch (down) over the middle of WIDGET; true if the widget took it.
bool wheel(QWidget* widget, const QPointF& global = {})
{
    const QPointF spot = global.isNull() ? QPointF(widget->mapToGlobal(widget->rect().center())) : global;
    const QPointF pos = widget->mapFromGlobal(spot);
    QWheelEvent e(pos, spot, QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &e);
    return e.isAccepted();
}

// A notch as the window system delivers one: to WIDGET, then up its parents while
// it is ignored (QApplication::notify does that for spontaneous events only, and
// QCoreApplication::sendEvent makes every event it sends non-spontaneous). The
// widget that took it, or null.
QWidget* wheelFromTheMouse(QWidget* widget)
{
    const QPointF spot = widget->mapToGlobal(widget->rect().center());
    for (QWidget* w = widget; w; w = w->isWindow() ? nullptr : w->parentWidget())
        if (wheel(w, spot))
            return w;
    return nullptr;
}

} // namespace

class MainWindowSetupTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;
    QString log_; // a real run's log: fmnist_cnn, λ 0.05, cosine β, 3 bits, conv2 at 6 bits and RTN only

private slots:
    void initTestCase()
    {
        QVERIFY(QFileInfo(kCalib).isDir());
        // A short real run whose settings differ from the defaults in every part of the setup.
        MainWindow w;
        w.setRunsFolder(runs_.path());
        QVERIFY(w.openModel(kCnn));
        w.setDataFolders(kCalib, kEval);
        adaround::AdaRoundConfig c = w.buildConfig();
        c.iterations = 20;
        c.calibSize = 64;
        c.evalSubset = 50;
        c.lambda = 0.05;
        c.schedule = adaround::BetaSchedule::Cosine;
        c.bits = {3, 8, {{w.layerModel()->layers()[1].name, 6}}};
        c.rtnOnlyLayers = {w.layerModel()->layers()[1].name};
        w.applyConfig(c);
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY2(w.startRun(), qPrintable(w.messageText()));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 200000);
        QVERIFY2(w.controller()->result().end == adaround::RunEnd::Completed, w.controller()->result().error.c_str());
        log_ = w.controller()->logPath();
    }

    void defaultBitsKeepTheLayersTheUserSet()
    {
        MainWindow w;
        QVERIFY(w.openModel(kMobileNet));
        LayerTableModel* t = w.layerModel();
        QVERIFY(t->setData(t->index(2, LayerTableModel::Bits), 6)); // a cell
        t->setBits({3}, 4);                                          // a bulk edit, to the value it had
        QVERIFY(t->isBitsUserSet(2) && t->isBitsUserSet(3) && !t->isBitsUserSet(1));
        QCOMPARE(t->index(2, LayerTableModel::Bits).data(Qt::FontRole).value<QFont>().bold(), true);

        auto* bits = qobject_cast<QSpinBox*>(w.panel()->editor("bits"));
        QVERIFY(bits);
        bits->setValue(3);
        QCOMPARE(t->bits()[1], 3); // not set: follows the default
        QCOMPARE(t->bits()[2], 6); // set: kept
        QCOMPARE(t->bits()[3], 4); // set to the old default: kept too
        QCOMPARE(t->bits().front(), 8);
        QVERIFY2(w.messageText().contains(QStringLiteral("2 layer(s) keep the bits you set")), qPrintable(w.messageText()));
        const auto overrides = w.buildConfig().bits.overrides;
        QCOMPARE(overrides.size(), size_t(2));
        QCOMPARE(overrides[0], (std::pair<std::string, int>(t->layers()[2].name, 6)));

        // "Apply to All" in the message: every layer to the default, undoably.
        auto* bar = w.findChild<MessageBar*>();
        QVERIFY(bar && bar->actionButton()->isVisibleTo(&w));
        const Table before = table(w);
        bar->actionButton()->click();
        QCOMPARE(t->bits()[2], 3);
        QVERIFY(t->userSetBitsLayers().empty());
        QVERIFY(w.buildConfig().bits.overrides.empty());
        w.setupUndoStack()->undo();
        QVERIFY(table(w) == before);
        QVERIFY(t->isBitsUserSet(2));

        // Loaded settings' per-layer bits count as set.
        adaround::AdaRoundConfig c = w.buildConfig();
        c.bits.overrides = {{t->layers()[5].name, 7}};
        w.applyConfig(c);
        QCOMPARE(t->userSetBitsLayers(), std::vector<std::string>{t->layers()[5].name});
        bits->setValue(2);
        QCOMPARE(t->bits()[5], 7);
        QCOMPARE(t->bits()[4], 2);
    }

    void openingALogLeavesTheSetupAlone()
    {
        QVERIFY(!log_.isEmpty());
        const adaround::RunLog log = adaround::readRunLog(log_.toStdString());
        MainWindow w;
        w.show();
        // A setup unlike the run's: another model, a bit set by hand, other folders and knobs.
        QVERIFY(w.openModel(kMobileNet));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), kEval);
        w.layerModel()->setBits({4}, 7);
        w.layerModel()->setOptimised({6}, false);
        qobject_cast<QSpinBox*>(w.panel()->editor("iterations"))->setValue(1234);
        const std::string before = json(w);
        const Table beforeTable = table(w);
        const DataFoldersWidget::Choice beforeFolders = w.dataFolders()->choice();

        QVERIFY(w.openLog(log_));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), int(log.record.layers.size()));
        QCOMPARE(json(w), before); // viewing changes nothing
        QVERIFY(table(w) == beforeTable);
        QVERIFY2(w.messageText().contains(QStringLiteral("setup is unchanged")), qPrintable(w.messageText()));

        // "Use This Run's Settings", from the message's button.
        auto* bar = w.findChild<MessageBar*>();
        QCOMPARE(bar->actionButton()->text(), QStringLiteral("Use This Run's Settings"));
        bar->actionButton()->click();
        const adaround::AdaRoundConfig used = w.buildConfig();
        const adaround::AdaRoundConfig& ran = log.record.started.config;
        QVERIFY(json(w) != before);
        QCOMPARE(used.modelPath, ran.modelPath);
        QCOMPARE(used.iterations, 20);
        QCOMPARE(used.lambda, 0.05);
        QVERIFY(used.schedule == adaround::BetaSchedule::Cosine);
        QCOMPARE(used.bits.defaultBits, 3);
        QCOMPARE(used.bits.overrides, ran.bits.overrides);
        QCOMPARE(used.rtnOnlyLayers, ran.rtnOnlyLayers);
        QCOMPARE(used.calibDir, ran.calibDir);
        QCOMPARE(json(w), adaround::configToJson(ran)); // the run's settings, all of them
        QCOMPARE(w.layerModel()->rowCount(), 5);

        // Undo, from the message: the setup as it was, exactly.
        QCOMPARE(bar->actionButton()->text(), QStringLiteral("Undo"));
        bar->actionButton()->click();
        QCOMPARE(json(w), before);
        QVERIFY(table(w) == beforeTable);
        QCOMPARE(w.dataFolders()->choice().calib, beforeFolders.calib);
        QCOMPARE(w.dataFolders()->choice().eval, beforeFolders.eval);
        QVERIFY(w.layerModel()->isBitsUserSet(4));

        // Edit > Redo and Edit > Undo do the same.
        QAction* undo = nullptr;
        QAction* redo = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->menu() && a->text() == QStringLiteral("&Edit"))
                for (QAction* e : a->menu()->actions()) {
                    if (e->shortcut() == QKeySequence(QKeySequence::Undo))
                        undo = e;
                    if (e->shortcut() == QKeySequence(QKeySequence::Redo))
                        redo = e;
                }
        QVERIFY(undo && redo);
        QVERIFY(!undo->isEnabled() && redo->isEnabled());
        QVERIFY2(redo->text().contains(QStringLiteral("Use Run Settings")), qPrintable(redo->text()));
        redo->trigger();
        QCOMPARE(json(w), adaround::configToJson(ran));
        QVERIFY(undo->isEnabled());
        undo->trigger();
        QCOMPARE(json(w), before);
        QVERIFY(table(w) == beforeTable);
    }

    void wheelEditsOnlyFocusedFields()
    {
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(w.openModel(kCnn));
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("settingsDock"));
        QVERIFY(dock);
        dock->raise(); // the panel's tab in front: its fields visible under the mouse
        QTRY_VERIFY(w.panel()->isVisible());
        auto* subset = qobject_cast<QSpinBox*>(w.panel()->editor("eval_subset"));
        auto* lambda = qobject_cast<QDoubleSpinBox*>(w.panel()->editor("lambda"));
        auto* schedule = qobject_cast<QComboBox*>(w.panel()->editor("schedule"));
        QVERIFY(subset && lambda && schedule);
        subset->setValue(1000);
        const double l = lambda->value();
        const int s = schedule->currentIndex();
        QList<QWidget*> fields{subset, lambda, schedule};
        for (QComboBox* c : w.panel()->findChildren<QComboBox*>()) // the presets too
            fields << c;
        for (QComboBox* c : w.layerEditor()->findChildren<QComboBox*>()) // the bits of the selection
            fields << c;
        if (QWidget* focused = QApplication::focusWidget()) // the window gave its first field focus
            focused->clearFocus();
        for (QWidget* f : fields) {
            QVERIFY(!f->hasFocus());
            QCOMPARE(f->focusPolicy(), Qt::StrongFocus); // the wheel does not take focus either
            wheel(f);
        }
        QCOMPARE(subset->value(), 1000);
        QCOMPARE(lambda->value(), l);
        QCOMPARE(schedule->currentIndex(), s);
        QCOMPARE(w.layerEditor()->findChild<QComboBox*>()->currentText(), QStringLiteral("8 bits"));

        // Focused (clicked or tabbed into): the wheel steps it.
        subset->setFocus();
        QTRY_VERIFY(subset->hasFocus());
        wheel(subset);
        QVERIFY2(subset->value() < 1000, qPrintable(QString::number(subset->value())));
        schedule->setFocus();
        QTRY_VERIFY(schedule->hasFocus());
        wheel(schedule);
        QVERIFY(schedule->currentIndex() != s);
    }

    // The wheel over an unfocused field scrolls the panel instead.
    void wheelOverAFieldScrollsThePanel()
    {
        QScrollArea scroll;
        auto* panel = new HyperparameterPanel;
        scroll.setWidget(panel);
        scroll.setWidgetResizable(true);
        scroll.resize(420, 260);
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));
        QScrollBar* bar = scroll.verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        auto* iterations = qobject_cast<QSpinBox*>(panel->editor("iterations"));
        QVERIFY(iterations && iterations->isVisible());
        const int before = iterations->value();
        QVERIFY(!wheel(iterations)); // ignored: offered to the parents
        QCOMPARE(wheelFromTheMouse(iterations), scroll.viewport());
        QCOMPARE(iterations->value(), before);
        QVERIFY(bar->value() > 0);
    }
};

QTEST_MAIN(MainWindowSetupTest)
#include "main_window_setup_test.moc"
