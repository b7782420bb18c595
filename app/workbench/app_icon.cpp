#include "app_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {

// The SVG's 64x64 drawing at SIZE pixels.
QPixmap paintIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1f, 0x3b, 0x57));
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 10, 10);
    QPainterPath soft(QPointF(10, 50));
    soft.cubicTo(26, 50, 38, 14, 54, 14);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(0x7f, 0xb8, 0xe6), 4));
    p.drawPath(soft);
    QPainterPath hard(QPointF(10, 50));
    hard.lineTo(32, 50);
    hard.lineTo(32, 14);
    hard.lineTo(54, 14);
    p.setPen(QPen(QColor(0xf2, 0xa5, 0x41), 4, Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin));
    p.drawPath(hard);
    return pixmap;
}

} // namespace

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(paintIcon(size));
    return icon;
}
