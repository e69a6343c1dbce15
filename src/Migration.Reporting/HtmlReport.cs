using System.Text;
using System.Text.RegularExpressions;

namespace Migration.Reporting;

/// <summary>
/// The report as one self-contained HTML file: the Markdown's tables rendered as HTML tables and the plots embedded
/// as data: URIs, so the file can be mailed or archived alone.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>The HTML of <paramref name="markdown"/> with each referenced PNG from <paramref name="images"/> (by file name) embedded.</summary>
    public static string Write(string markdown, IReadOnlyDictionary<string, byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(images);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>IOMMU migration workbench report</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:75em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;margin:1em 0}" +
                    "td,th{border:1px solid #bbb;padding:.25em .5em;font-size:90%}th{background:#eee}td.n{text-align:right}img{max-width:100%}</style>\n</head><body>\n");
        string[] lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('|'))
            {
                // A table: header row, alignment row, body rows.
                html.Append("<table>\n");
                bool[] right = i + 1 < lines.Length ? Cells(lines[i + 1]).Select(c => c.EndsWith(':')).ToArray() : [];
                html.Append("<tr>").Append(string.Concat(Cells(line).Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr>\n");
                i += 2;
                for (; i < lines.Length && lines[i].StartsWith('|'); i++)
                {
                    string[] cells = Cells(lines[i]);
                    html.Append("<tr>");
                    for (int c = 0; c < cells.Length; c++)
                        html.Append(c < right.Length && right[c] ? "<td class=\"n\">" : "<td>").Append(Inline(cells[c])).Append("</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</table>\n");
                i--;
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                html.Append("<h3>").Append(Inline(line[4..])).Append("</h3>\n");
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                html.Append("<h2>").Append(Inline(line[3..])).Append("</h2>\n");
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                html.Append("<h1>").Append(Inline(line[2..])).Append("</h1>\n");
            }
            else if (ImageLine().Match(line) is { Success: true } m)
            {
                string name = m.Groups["file"].Value;
                if (!images.TryGetValue(name, out byte[]? png))
                    throw new ArgumentException($"the report references {name} but no image of that name was given", nameof(images));
                html.Append($"<p><img alt=\"{Encode(m.Groups["alt"].Value)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"></p>\n");
            }
            else if (line.Length > 0)
            {
                html.Append("<p>").Append(Inline(line)).Append("</p>\n");
            }
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    // Only the characters HTML needs escaped: the file is UTF-8, so "§" and "µ" stay readable in the source.
    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string[] Cells(string row)
    {
        string inner = row.Trim();
        inner = inner.Substring(1, inner.Length - (inner.EndsWith('|') ? 2 : 1));
        return CellSeparator().Split(inner).Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
    }

    private static string Inline(string text)
    {
        string encoded = Encode(text);
        return Bold().Replace(encoded, "<b>$1</b>");
    }

    [GeneratedRegex(@"^!\[(?<alt>[^\]]*)\]\((?<file>[^)]+)\)$")]
    private static partial Regex ImageLine();

    // A pipe not escaped with a backslash separates cells.
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
