#pragma once

#include <QTableView>

class RegexMatchTableModel;

/**
 * The Regex tab's match table: a view of RegexMatchTableModel whose columns are as wide as
 * their header and their widest value, so that nothing the user reads is clipped: the number
 * and span columns fit the last match (matches come in text order, so its number and spans are
 * the widest), the text columns the longest text of the first rows, up to kTextColumnChars.
 * Columns are fitted again when a run's results replace the last ones, widened as matches
 * arrive, and fitted again when the language or the font changes.
 */
class RegexMatchTable : public QTableView
{
    Q_OBJECT

public:
    /// A text column grows with its values up to about this many characters; a longer value is
    /// elided in the cell (its tooltip and the Result pane show it whole).
    static constexpr int kTextColumnChars = 40;
    /// Rows whose texts are measured for the text columns' widths.
    static constexpr int kMeasuredRows = 200;

    explicit RegexMatchTable(QWidget *parent = nullptr);

    void setMatchModel(RegexMatchTableModel *model);
    RegexMatchTableModel *matchModel() const { return m_model; }

    /// The width @p column needs: its header's text and its widest value (see above).
    int wantedWidth(int column) const;
    /// The width a cell of @p column needs to show @p text whole.
    int cellWidth(int column, const QString &text) const;
    /// The height of a row: one line of the taller of its fonts (not the style's 30 px).
    int rowHeightWanted() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    /// Sets every column to its wanted width (@p growOnly: only the narrower ones).
    void fitColumns(bool growOnly);
    void fitRows();

    RegexMatchTableModel *m_model = nullptr;
};
