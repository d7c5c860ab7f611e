using System.Text.Encodings.Web;
using Controls.Compliance.Evaluation;
using Microsoft.AspNetCore.Html;

namespace Controls.Web.Presentation;

/// <summary>A status badge: symbol, word and colour together (the symbol is hidden from screen readers, the word is not).</summary>
public static class StatusBadge
{
    public static IHtmlContent Render(CheckStatus status, string? note = null)
    {
        var key = StatusDisplay.Key(status);
        var title = note is null ? string.Empty : $" title=\"{HtmlEncoder.Default.Encode(note)}\"";
        return new HtmlString(
            $"<span class=\"status status--{key}\" data-status=\"{key}\"{title}><span class=\"status__symbol\" aria-hidden=\"true\">{StatusDisplay.Symbol(status)}</span> {StatusDisplay.Label(status)}</span>");
    }
}
