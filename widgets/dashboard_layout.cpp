#include "dashboard_layout.h"

#include <QResizeEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

DashboardLayout::DashboardLayout(const QList<View>& views, QWidget* parent) : QWidget(parent), views_(views)
{
    Q_ASSERT(views_.size() == 5);
    // The plots ask for more themselves (up to 360x240): three rows of that made
    // the window 791 px high at least. The layout, not the views, decides.
    for (const View& v : views_)
        v.widget->setMinimumSize(kViewMinimum);

    rows_ = new QSplitter(Qt::Vertical, this);
    middle_ = new QSplitter(Qt::Horizontal);
    bottom_ = new QSplitter(Qt::Horizontal);
    rows_->addWidget(middle_);
    rows_->addWidget(bottom_);
    for (QSplitter* s : {rows_, middle_, bottom_})
        s->setChildrenCollapsible(false);

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("dashboardTabs"));
    tabs_->setDocumentMode(true);
    tabs_->hide();
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int i) {
        if (focused_.isEmpty() || i < 0 || i >= views_.size() || views_[i].name == focused_)
            return;
        focused_ = views_[i].name;
        emit focusedViewChanged(focused_);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(rows_);
    layout->addWidget(tabs_);
    mode_ = Mode::Tabs; // so that arrange() moves the views in
    arrange(Mode::Grid);
}

QStringList DashboardLayout::viewNames() const
{
    QStringList names;
    for (const View& v : views_)
        names << v.name;
    return names;
}

QWidget* DashboardLayout::view(const QString& name) const
{
    for (const View& v : views_)
        if (v.name == name)
            return v.widget;
    return nullptr;
}

void DashboardLayout::setFocusedView(const QString& name)
{
    QWidget* w = view(name);
    if (!w) {
        focused_.clear();
        arrange(fittingMode());
        emit focusedViewChanged({});
        return;
    }
    focused_ = name;
    arrange(Mode::Tabs);
    tabs_->setCurrentWidget(w);
    emit focusedViewChanged(name);
}

DashboardLayout::Mode DashboardLayout::fittingMode() const
{
    return width() >= kGridNeeds.width() && height() >= kGridNeeds.height() ? Mode::Grid : Mode::Tabs;
}

void DashboardLayout::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (focused_.isEmpty())
        arrange(fittingMode());
    if (isVisible())
        sizeGridOnce();
}

void DashboardLayout::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    sizeGridOnce();
}

// The grid's first sizes once there is a size to share: the views' size hints
// would otherwise give the accuracy plot most of the bottom row.
void DashboardLayout::sizeGridOnce()
{
    if (mode_ != Mode::Grid || gridSized_ || height() < kGridNeeds.height())
        return;
    gridSized_ = true;
    const int h = height();
    // The loss plot reads at a third less than the lower rows' plots, which
    // carry a title, a legend or slider and axis labels each.
    rows_->setSizes({h * 2 / 5, h * 3 / 10, h * 3 / 10});
    middle_->setSizes({width() / 2, width() / 2});
    bottom_->setSizes({width() / 2, width() / 2});
}

void DashboardLayout::arrange(Mode mode)
{
    if (mode == mode_)
        return;
    mode_ = mode;
    setUpdatesEnabled(false);
    if (mode == Mode::Tabs) {
        // Splitter sizes are lost when their widgets leave: kept for the way back.
        if (gridSized_)
            savedSizes_ = {rows_->sizes(), middle_->sizes(), bottom_->sizes()};
        const QSignalBlocker quiet(tabs_);
        for (const View& v : views_)
            tabs_->addTab(v.widget, v.title);
        rows_->hide();
        tabs_->show();
    } else {
        const QSignalBlocker quiet(tabs_);
        rows_->insertWidget(0, views_[0].widget);
        middle_->insertWidget(0, views_[1].widget);
        middle_->insertWidget(1, views_[2].widget);
        bottom_->insertWidget(0, views_[3].widget);
        bottom_->insertWidget(1, views_[4].widget);
        for (const View& v : views_)
            v.widget->show(); // the tab widget hid all but its current page
        if (savedSizes_.size() == 3) {
            rows_->setSizes(savedSizes_[0]);
            middle_->setSizes(savedSizes_[1]);
            bottom_->setSizes(savedSizes_[2]);
        }
        tabs_->hide();
        rows_->show();
    }
    setUpdatesEnabled(true);
}
