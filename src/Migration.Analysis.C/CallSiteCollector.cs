using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Migration.Analysis.C.Interop;

namespace Migration.Analysis.C;

/// <summary>
/// Walks a libclang translation unit for calls of catalog kernel symbols: a CallExpr whose callee is a function
/// (not a struct member such as ops-&gt;iommu_map) named in the catalog. The call's position is its file location
/// (clang_getFileLocation): the callee's own text when it is written in the file or in a macro argument, the macro's
/// expansion when the call is written in a macro body. The enclosing function is the FunctionDecl definition the
/// walk is inside (a C function cannot nest, so this is the call's semantic parent function).
/// </summary>
internal static unsafe class CallSiteCollector
{
    /// <summary>The catalog calls, catalog-name declarations and function definitions of <paramref name="unit"/>'s main file.</summary>
    public static AstCallSites Collect(ClangTranslationUnit unit, byte[] source, IReadOnlySet<string> symbols)
    {
        var state = new WalkState(unit, source, symbols);
        GCHandle handle = GCHandle.Alloc(state);
        try
        {
            LibClang.VisitChildren(unit.Cursor, &Visit, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        if (state.Failure is not null)
            throw new InvalidOperationException("the AST walk failed: " + state.Failure.Message, state.Failure);
        var calls = state.Calls
            // One call per place it is written: two calls in one macro body share the expansion's line and column but
            // not their spelling, and `migrate fix` rewrites each (analyze still reports one finding per position).
            .GroupBy(c => (c.Symbol, c.Line, c.Column, c.SpellingOffset)).Select(g => g.First())
            .OrderBy(c => c.Line).ThenBy(c => c.Column).ThenBy(c => c.Symbol, StringComparer.Ordinal)
            .ToList();
        return new AstCallSites(calls, state.Declarations, state.Functions);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Visit(CXCursor cursor, CXCursor parent, IntPtr data)
    {
        var state = (WalkState)GCHandle.FromIntPtr(data).Target!;
        try
        {
            return state.Visit(cursor, data);
        }
        catch (Exception e)
        {
            // No exception may cross back into native code: keep it and stop the walk.
            state.Failure = e;
            return CXChildVisitResult.Break;
        }
    }

    private sealed class WalkState(ClangTranslationUnit unit, byte[] source, IReadOnlySet<string> symbols)
    {
        private readonly IntPtr _mainFile = unit.MainFileHandle;
        private readonly Stack<string> _functions = new();

        public List<CallSite> Calls { get; } = [];

        public HashSet<(int Line, int Column)> Declarations { get; } = [];

        public List<FunctionSpan> Functions { get; } = [];

        public Exception? Failure { get; set; }

        public int Visit(CXCursor cursor, IntPtr data)
        {
            switch (cursor.Kind)
            {
                case CXCursorKind.FunctionDecl:
                    return VisitFunction(cursor, data);
                case CXCursorKind.CallExpr:
                    VisitCall(cursor);
                    return CXChildVisitResult.Recurse; // calls nest: IS_ERR_VALUE(iommu_vmalloc(...))
                default:
                    return CXChildVisitResult.Recurse;
            }
        }

        private int VisitFunction(CXCursor cursor, IntPtr data)
        {
            if (!FilePosition(LibClang.GetCursorLocation(cursor), out int line, out int column, out _))
                return CXChildVisitResult.Continue; // the prelude's declarations
            string name = LibClang.TakeString(LibClang.GetCursorSpelling(cursor));
            if (symbols.Contains(name))
                Declarations.Add((line, column));
            if (LibClang.IsCursorDefinition(cursor) == 0)
                return CXChildVisitResult.Continue;
            CXSourceRange extent = LibClang.GetCursorExtent(cursor);
            if (FilePosition(LibClang.GetRangeStart(extent), out _, out _, out int start) && FilePosition(LibClang.GetRangeEnd(extent), out _, out _, out int end))
                Functions.Add(new FunctionSpan(name, start, end));
            _functions.Push(name);
            try
            {
                LibClang.VisitChildren(cursor, &CallSiteCollector.Visit, data);
            }
            finally
            {
                _functions.Pop();
            }
            return Failure is null ? CXChildVisitResult.Continue : CXChildVisitResult.Break;
        }

        private void VisitCall(CXCursor call)
        {
            string callee = LibClang.TakeString(LibClang.GetCursorSpelling(call));
            if (!symbols.Contains(callee))
                return;
            // A struct member of the same name (ops->iommu_map, a function pointer) is not the kernel function.
            if (LibClang.GetCursorReferenced(call).Kind != CXCursorKind.FunctionDecl)
                return;
            if (!FilePosition(LibClang.GetCursorLocation(call), out int line, out int column, out _))
                return;
            int count = Math.Max(0, LibClang.CursorGetNumArguments(call));
            var arguments = new List<string>(count);
            for (uint i = 0; i < count; i++)
                arguments.Add(Text(LibClang.GetCursorExtent(LibClang.CursorGetArgument(call, i))));
            Calls.Add(new CallSite(callee, line, column, _functions.Count > 0 ? _functions.Peek() : null, arguments) { SpellingOffset = SpellingOffset(LibClang.GetCursorLocation(call)) });
        }

        /// <summary>The source text of a range of the main file, or "" when it is not (wholly) in it.</summary>
        private string Text(CXSourceRange range)
        {
            if (!FilePosition(LibClang.GetRangeStart(range), out _, out _, out int start) || !FilePosition(LibClang.GetRangeEnd(range), out _, out _, out int end))
                return string.Empty;
            return end > start && end <= source.Length ? Encoding.UTF8.GetString(source, start, end - start) : string.Empty;
        }

        /// <summary>The main-file offset where the characters at <paramref name="location"/> are written, or null (the prelude, a command-line macro).</summary>
        private int? SpellingOffset(CXSourceLocation location)
        {
            LibClang.GetSpellingLocation(location, out IntPtr file, out _, out _, out uint offset);
            return file != IntPtr.Zero && (file == _mainFile || LibClang.FileIsEqual(file, _mainFile) != 0) && offset < source.Length ? (int)offset : null;
        }

        /// <summary>The main-file line, column and offset of <paramref name="location"/>; false when it lies elsewhere (the prelude).</summary>
        private bool FilePosition(CXSourceLocation location, out int line, out int column, out int offset)
        {
            LibClang.GetFileLocation(location, out IntPtr file, out uint l, out uint c, out uint o);
            (line, column, offset) = ((int)l, (int)c, (int)o);
            return file != IntPtr.Zero && (file == _mainFile || LibClang.FileIsEqual(file, _mainFile) != 0);
        }
    }
}
