using System.Text;
using System.Text.Json;

namespace Migration.Analysis;

/// <summary>
/// Writes an <see cref="AnalysisResult"/> as SARIF 2.1.0: one run, the tool's rules with their help URIs and default
/// levels, one result per finding with its rule, level, message, physical location (relative to %SRCROOT%), the
/// enclosing member as a logical location and the kernel symbol (and, for C, the origin) as properties; for C inputs
/// the files that could not be analysed are the invocation's error notifications.
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF schema URI written into the log.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>
    /// The SARIF text of <paramref name="result"/>; <paramref name="toolVersion"/> names the tool's version and
    /// <paramref name="informationUri"/> (absolute, or null to omit it) where its documentation is.
    /// </summary>
    public static string Write(AnalysisResult result, string toolVersion, string? informationUri = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", Schema);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "migrate analyze");
            w.WriteString("version", toolVersion);
            if (informationUri is not null)
                w.WriteString("informationUri", informationUri);
            w.WriteStartArray("rules");
            foreach (RuleInfo rule in result.Rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                // A readable name or none: SARIF wants id to be opaque and name, if present, to differ from it (SARIF1001).
                if (rule.Name is { } name && name != rule.Id)
                    w.WriteString("name", name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", rule.Title);
                w.WriteEndObject();
                if (rule.HelpUri.Length > 0)
                    w.WriteString("helpUri", rule.HelpUri);
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", rule.DefaultSeverity);
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", rule.Category);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject("SRCROOT");
            w.WriteString("uri", DirectoryUri(result.Root));
            w.WriteEndObject();
            w.WriteEndObject();

            var ruleIndex = result.Rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            w.WriteStartArray("results");
            foreach (Finding f in result.Findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                if (ruleIndex.TryGetValue(f.RuleId, out int index))
                    w.WriteNumber("ruleIndex", index);
                w.WriteString("level", f.Severity);
                WriteText(w, "message", f.Message);
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                WriteArtifactLocation(w, f.File);
                WriteRegion(w, "region", f.Line, f.Column, f.EndLine, f.EndColumn);
                w.WriteEndObject();
                if (f.EnclosingMember is { } member)
                {
                    w.WriteStartArray("logicalLocations");
                    w.WriteStartObject();
                    w.WriteString("name", member);
                    w.WriteString("kind", "function");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteEndArray();
                if (f.Fixes is { Count: > 0 } fixes)
                    WriteFixes(w, f.File, fixes);
                w.WriteStartObject("properties");
                w.WriteString("project", f.Project);
                if (f.KernelSymbol is { } kernel)
                    w.WriteString("kernelSymbol", kernel);
                if (f.Origin is { } origin)
                    w.WriteString("origin", origin);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            if (result.SourceFiles.Count > 0)
                WriteSourceFiles(w, result);

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A message-like object named <paramref name="name"/> ("message", "description", "insertedContent") holding <paramref name="text"/>.</summary>
    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    /// <summary>An artifactLocation: <paramref name="uri"/> relative to %SRCROOT%.</summary>
    private static void WriteArtifactLocation(Utf8JsonWriter w, string uri)
    {
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", uri);
        w.WriteString("uriBaseId", "SRCROOT");
        w.WriteEndObject();
    }

    /// <summary>A region object named <paramref name="name"/> ("region", "deletedRegion") with 1-based lines and columns.</summary>
    private static void WriteRegion(Utf8JsonWriter w, string name, int startLine, int startColumn, int endLine, int endColumn)
    {
        w.WriteStartObject(name);
        w.WriteNumber("startLine", startLine);
        w.WriteNumber("startColumn", startColumn);
        w.WriteNumber("endLine", endLine);
        w.WriteNumber("endColumn", endColumn);
        w.WriteEndObject();
    }

    /// <summary>The finding's fixes (SARIF 2.1.0 §3.55): a description and one artifactChange in the finding's file with its replacements.</summary>
    private static void WriteFixes(Utf8JsonWriter w, string file, IReadOnlyList<FindingFix> fixes)
    {
        w.WriteStartArray("fixes");
        foreach (FindingFix fix in fixes)
        {
            w.WriteStartObject();
            WriteText(w, "description", fix.Description);
            w.WriteStartArray("artifactChanges");
            w.WriteStartObject();
            WriteArtifactLocation(w, file);
            w.WriteStartArray("replacements");
            foreach (FindingReplacement r in fix.Replacements)
            {
                w.WriteStartObject();
                WriteRegion(w, "deletedRegion", r.StartLine, r.StartColumn, r.EndLine, r.EndColumn);
                WriteText(w, "insertedContent", r.InsertedText);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// The C front end's per-file outcome: each file that could not be analysed as an error notification of the
    /// invocation (SARIF toolExecutionNotifications), and the per-file recovery counts as run properties.
    /// </summary>
    private static void WriteSourceFiles(Utf8JsonWriter w, AnalysisResult result)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", !result.HasFileErrors);
        w.WriteStartArray("toolExecutionNotifications");
        // A file that could not be analysed is an error; a file parsed only in part, a note on its parse status.
        foreach (SourceFileReport file in result.SourceFiles.Where(s => s.Error is not null || s.Note is not null))
        {
            w.WriteStartObject();
            w.WriteString("level", file.Error is null ? "note" : "error");
            WriteText(w, "message", $"{file.File}: {file.Error ?? file.Note}");
            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            WriteArtifactLocation(w, file.File);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        w.WriteStartObject("properties");
        w.WriteStartArray("sourceFiles");
        foreach (SourceFileReport file in result.SourceFiles)
        {
            w.WriteStartObject();
            w.WriteString("file", file.File);
            w.WriteNumber("fromAst", file.FromAst);
            w.WriteNumber("fromStubbedAst", file.FromStubbedAst);
            w.WriteNumber("fromTokens", file.FromTokens);
            w.WriteNumber("stubs", file.Stubs);
            if (file.Parse is { } parse)
                w.WriteString("parse", parse);
            if (file.Error is { } error)
                w.WriteString("error", error);
            if (file.Note is { } note)
                w.WriteString("note", note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The file URI of the folder <paramref name="root"/> ("/src/client" → "file:///src/client/"), built by
    /// percent-encoding its UTF-8 bytes: new Uri(root) threw UriFormatException for a relative root and for text it
    /// cannot parse, which aborted the whole report; this form cannot fail.
    /// </summary>
    private static string DirectoryUri(string root)
    {
        string full = root;
        try
        {
            full = Path.GetFullPath(root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // An empty root or one with a NUL: encode it as given.
        }
        if (Path.DirectorySeparatorChar == '\\')
            full = full.Replace('\\', '/');
        var uri = new StringBuilder("file://");
        if (!full.StartsWith('/'))
            uri.Append('/'); // "C:/src" → file:///C:/src/
        foreach (byte b in Encoding.UTF8.GetBytes(full))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "-._~/:@!$&'()*+,;=".Contains((char)b, StringComparison.Ordinal))
                uri.Append((char)b);
            else
                uri.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (uri[^1] != '/')
            uri.Append('/');
        return uri.ToString();
    }
}
