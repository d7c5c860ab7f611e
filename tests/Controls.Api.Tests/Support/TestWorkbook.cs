using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Controls.Api.Tests.Support;

/// <summary>Real .xlsx files for import tests, written with OpenXml the way Excel writes them.</summary>
internal static class TestWorkbook
{
    public static Cell TextCell(string value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) };

    public static Cell BoolCell(bool value) => new() { DataType = CellValues.Boolean, CellValue = new CellValue(value ? "1" : "0") };

    /// <summary>A date as Excel stores it: a serial number in a cell without a type.</summary>
    public static Cell DateCell(DateOnly date) =>
        new() { CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) };

    /// <summary>A header row of shared strings, then the given rows (cell references written, as Excel does).</summary>
    public static byte[] Build(string[] header, params Cell[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = new SharedStringTable(header.Select(h => new SharedStringItem(new Text(h))));
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var headerRow = new Row { RowIndex = 1 };
            for (var i = 0; i < header.Length; i++)
            {
                headerRow.Append(new Cell { CellReference = $"{(char)('A' + i)}1", DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)) });
            }

            data.Append(headerRow);
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 2) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    rows[r][c].CellReference = $"{(char)('A' + c)}{r + 2}";
                    row.Append(rows[r][c]);
                }

                data.Append(row);
            }

            worksheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Export" }));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }
}
