using System.Text;
using Migration.Analyzers.ApiMap;

namespace Migration.Analysis.C.Fix;

/// <summary>One call site as the rewriters see it: the file's bytes, the call, its catalog entry, where its name is written and its function.</summary>
/// <param name="Bytes">The file's bytes.</param>
/// <param name="Call">The call the front end found.</param>
/// <param name="Entry">Its catalog entry (the call is a finding).</param>
/// <param name="NameOffset">Offset of the callee name where it is written (in a #define body for a macro's call).</param>
/// <param name="Function">The function definition holding the call, or null (file scope, a macro body).</param>
/// <param name="Handles">How handles become (domain, device).</param>
internal sealed record SiteContext(byte[] Bytes, CallSite Call, ApiMapEntry Entry, int NameOffset, FunctionSpan? Function, HandleMapping Handles)
{
    /// <summary>The text of [start, end) as written.</summary>
    public string Text(int start, int end) => Encoding.UTF8.GetString(Bytes, start, end - start);

    /// <summary>The text of <paramref name="call"/> with <paramref name="edits"/> applied, blanks folded to one space: the summary's one-line form.</summary>
    public string Rewritten(CallText call, IEnumerable<TextEdit> edits)
    {
        var sb = new StringBuilder();
        int at = call.NameStart;
        int end = call.End;
        foreach (TextEdit e in edits.Where(e => e.Start >= call.NameStart && e.End <= end).OrderBy(e => e.Start))
        {
            sb.Append(Text(at, e.Start)).Append(e.Text);
            at = e.End;
        }
        sb.Append(Text(at, end));
        return string.Join(' ', sb.ToString().Replace("\\\n", " ", StringComparison.Ordinal).Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The text of the enclosing function, or "" at file scope.</summary>
    public string FunctionText => Function is { } f && f.End <= Bytes.Length && f.Start < f.End ? Text(f.Start, f.End) : "";
}
