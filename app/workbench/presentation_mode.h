#pragma once
// Presentation mode for teaching (View > Presentation Mode, F11): the window
// full screen without docks and tool bars, one run view filling it with its
// fonts enlarged, the views switched by their tabs or the keys 1-5, left by
// F11 or Esc. The window's layout, fonts and state come back as they were.
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMainWindow;
class RunDashboard;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    PresentationMode(QMainWindow* window, RunDashboard* dashboard);

    QAction* toggleAction() const { return toggle_; }
    // One per view (keys 1-5), enabled only while presenting.
    QList<QAction*> viewActions() const { return viewActions_; }
    bool isActive() const { return active_; }
    void setActive(bool on);
    void showView(const QString& name); // presenting: brings NAME's view to the front

    static constexpr double kFontScale = 1.6;

signals:
    void activeChanged(bool on);

private:
    void scaleFonts(double factor);

    QMainWindow* window_;
    RunDashboard* dashboard_;
    QAction* toggle_;
    QAction* leave_;
    QList<QAction*> viewActions_;
    bool active_ = false;
    QString lastView_ = QStringLiteral("loss");
    QByteArray savedState_;
    Qt::WindowStates savedWindowState_;
};
