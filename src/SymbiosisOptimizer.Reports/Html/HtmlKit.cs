using System.Globalization;
using System.Net;
using System.Text;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>A number cell: <see cref="Figures.Number"/> of the value ("-" for none), right-aligned, negatives in red.</summary>
internal readonly record struct Num(double? Value, bool Signed = false);

/// <summary>
/// The pieces every runner report (compare, barriers, sweep, montecarlo, sharing) is made of: the page with report.html's
/// CSS, sections, tables and the run-metadata footer. Numbers are shown with <see cref="Figures.Number"/> only (grouped
/// digits, never an exponent), so a figure reads alike in every report and matches the document's JSON; in the page's
/// language (<see cref="ReportFormat"/>), whose words come from <see cref="RunnerStrings"/>.
/// </summary>
internal sealed class HtmlKit
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly StringBuilder h = new();

    private readonly ReportFormat t;

    public HtmlKit(ReportFormat t, string title, string heading, string subtitle)
    {
        this.t = t;
        h.Append(Inv, $"<!DOCTYPE html>\n<html lang=\"{t.Code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append(Inv, $"<title>{E(title)}</title>\n<style>\n{RunHtml.Css}\n</style>\n</head>\n<body>\n");
        h.Append(Inv, $"<h1>{E(heading)}</h1>\n<p class=\"subtitle\">{E(subtitle)}</p>\n");
    }

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The number as every runner report shows it; a change gets a "+" when positive.</summary>
    public static string Text(double? v, bool signed = false, Language language = Language.En)
    {
        var text = Figures.Number(v, language);
        return signed && v > 0 && text != "0" ? "+" + text : text;
    }

    public HtmlKit Section(string id, string heading)
    {
        h.Append(Inv, $"<h2 id=\"{id}\">{E(heading)}</h2>\n");
        return this;
    }

    public HtmlKit Sub(string heading)
    {
        h.Append(Inv, $"<h3>{E(heading)}</h3>\n");
        return this;
    }

    public HtmlKit Note(string text)
    {
        h.Append(Inv, $"<p class=\"note\">{E(text)}</p>\n");
        return this;
    }

    public HtmlKit Para(string text)
    {
        h.Append(Inv, $"<p>{E(text)}</p>\n");
        return this;
    }

    public HtmlKit List(IEnumerable<string> items)
    {
        h.Append("<ul class=\"findings\">\n");
        foreach (var i in items)
        {
            h.Append(Inv, $"<li>{E(i)}</li>\n");
        }

        h.Append("</ul>\n");
        return this;
    }

    /// <summary>A table; a cell is text (a string), a number (<see cref="Num"/>), or empty (null).</summary>
    public HtmlKit Table(IReadOnlyList<string> headers, IEnumerable<object?[]> rows, string? id = null)
    {
        h.Append(id is null ? "<table>\n" : $"<table id=\"{E(id)}\">\n");
        h.Append("<thead><tr>");
        foreach (var head in headers)
        {
            h.Append(Inv, $"<th>{E(head)}</th>");
        }

        h.Append("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append(cell switch
                {
                    Num n => $"<td class=\"num{(n.Value < 0 && Text(n.Value) != "0" ? " neg" : string.Empty)}\">{E(Text(n.Value, n.Signed, t.Language))}</td>",
                    null => "<td></td>",
                    _ => $"<td>{E(Convert.ToString(cell, Inv))}</td>",
                });
            }

            h.Append("</tr>\n");
        }

        if (!any)
        {
            h.Append(Inv, $"<tr><td colspan=\"{headers.Count}\">{E(t[RunnerPhrase.None])}</td></tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
        return this;
    }

    /// <summary>The charts rendered from the same document, inlined as scalable SVG.</summary>
    public HtmlKit Charts(IReadOnlyList<ChartImage> charts)
    {
        foreach (var c in charts)
        {
            h.Append(Inv, $"<figure class=\"chart\" id=\"chart-{c.Name}\">\n{RunHtml.InlineSvg(c)}\n<figcaption>{E(c.Title)}</figcaption>\n</figure>\n");
        }

        return this;
    }

    /// <summary>Closes the page with the run-metadata block (the only part that differs between two runs).</summary>
    public string End(string files, RunMetadata metadata)
    {
        h.Append(Inv, $"<p class=\"note\">{E(t.Format(RunnerPhrase.ProducedBy, files))}</p>\n");
        h.Append(Inv, $"<footer class=\"metadata\" id=\"run-metadata\">{E(t[RunnerPhrase.RunMetadata])}: ");
        h.Append(E(string.Join(", ", metadata.Timings.Select(x => string.Create(t.Numbers, $"{x.Stage} {x.Seconds:0.###} s")))));
        h.Append(Inv, $"; {E(t.Format(RunnerPhrase.ToolOnMachine, metadata.Tool, metadata.Version, metadata.Machine, metadata.Processors))}.</footer>\n</body>\n</html>\n");
        return h.ToString();
    }
}
