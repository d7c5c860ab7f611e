using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Controls.Api.Actions;

/// <summary>One row of an imported table: its 1-based row number in the file (the header is row 1) and its cells.</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells);

/// <summary>The file is not a table this import can read; nothing is changed.</summary>
public sealed class UnreadableTableException(string message) : Exception(message);

/// <summary>Reads a CSV (RFC 4180) or xlsx (first worksheet) file into rows of text cells.</summary>
public static class VendorTableReader
{
    public static IReadOnlyList<TableRow> Read(string fileName, string? contentType, byte[] content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        if (extension == ".xlsx" || contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        {
            return ReadXlsx(content);
        }

        if (extension is ".csv" or ".txt" || contentType is "text/csv" or "application/csv")
        {
            if (isZip)
            {
                throw new UnreadableTableException($"'{fileName}' is named as CSV but is a binary (zip) file; save it as CSV or upload the .xlsx.");
            }

            return ReadCsv(content);
        }

        throw new UnreadableTableException($"'{fileName}' is neither CSV (.csv) nor an Excel workbook (.xlsx); .xls and other formats are not read.");
    }

    public static IReadOnlyList<TableRow> ReadCsv(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new UnreadableTableException("The CSV file is not UTF-8 text; save it as \"CSV UTF-8\".");
        }

        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = !firstLine.Contains(',', StringComparison.Ordinal) && firstLine.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var rows = new List<TableRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var number = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add(new TableRow(number++, [.. cells]));
                cells.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new UnreadableTableException($"The CSV file ends inside a quoted field that starts in record {number}; a closing quote is missing.");
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add(new TableRow(number, [.. cells]));
        }

        return rows;
    }

    public static IReadOnlyList<TableRow> ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new UnreadableTableException("The workbook has no workbook part.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new UnreadableTableException("The workbook has no worksheet.");
            if (sheet.Id?.Value is not { } relationshipId || workbook.GetPartById(relationshipId) is not WorksheetPart worksheet)
            {
                throw new UnreadableTableException("The workbook's first sheet is not a worksheet.");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<TableRow>();
            var data = worksheet.Worksheet.GetFirstChild<SheetData>();
            foreach (var row in data?.Elements<Row>() ?? [])
            {
                var cells = new List<string>();
                var position = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : position;
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(CellText(cell, shared));
                    position = cells.Count;
                }

                var number = row.RowIndex?.Value is { } index ? (int)index : rows.Count + 1;
                rows.Add(new TableRow(number, cells));
            }

            return rows;
        }
        catch (UnreadableTableException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException
                                       or ArgumentException or FormatException or System.Xml.XmlException or NotSupportedException)
        {
            throw new UnreadableTableException($"The file is not a readable Excel workbook (.xlsx): {ex.GetType().Name}.");
        }
    }

    private static string CellText(Cell cell, List<string> shared)
    {
        var value = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return value == "1" ? "true" : "false";
        }

        return value;
    }

    /// <summary>"C7" → 2 (zero-based column of an A1 reference).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return Math.Max(index - 1, 0);
    }
}
