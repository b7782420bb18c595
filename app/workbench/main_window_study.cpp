// Teach > Stochastic-Rounding Study: the paper's motivating experiment in its
// own window, on the model, folders and knobs of the setup.
#include "main_window.h"

#include "adaround/error.h"
#include "message_bar.h"
#include "study_window.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>

#include "adaround/study_log.h"

StudyWindow* MainWindow::studyWindow()
{
    if (!studyWindow_)
        studyWindow_ = new StudyWindow(this);
    return studyWindow_;
}

void MainWindow::createStudyActions(QMenu* teach)
{
    QAction* study = teach->addAction(tr("&Stochastic-Rounding Study..."), this, [this] {
        StudyWindow* w = studyWindow();
        if (!w->isRunning()) {
            try {
                w->setBase(modelPath_.isEmpty() ? adaround::AdaRoundConfig{} : buildConfig(), modelLayers_);
            } catch (const adaround::Error& e) { // a bad class list: said in the window
                w->setBase({}, {});
                messages_->showMessage(MessageBar::Error, QString::fromStdString(e.what()));
            }
        }
        w->show();
        w->raise();
        w->activateWindow();
    });
    study->setToolTip(tr("Round one layer at random many times and compare with round-to-nearest and AdaRound "
                         "(the paper's motivating experiment)"));
    teach->addAction(tr("Open Study &Log..."), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Study Log"),
                                                          QString::fromStdString(adaround::defaultStudiesDir()),
                                                          tr("Study logs (*.h5)"));
        if (path.isEmpty())
            return;
        StudyWindow* w = studyWindow();
        w->openStudyLog(path);
        w->show();
        w->raise();
    });
}
