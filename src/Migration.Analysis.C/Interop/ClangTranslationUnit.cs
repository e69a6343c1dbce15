using System.Runtime.InteropServices;
using System.Text;

namespace Migration.Analysis.C.Interop;

/// <summary>
/// One parsed CXTranslationUnit: the main file and the in-memory prelude header it includes, parsed with the
/// given arguments. Owns the native unit and disposes it.
/// </summary>
internal sealed unsafe class ClangTranslationUnit : IDisposable
{
    private IntPtr _handle;

    private ClangTranslationUnit(IntPtr handle, string mainFile)
    {
        _handle = handle;
        MainFile = mainFile;
    }

    /// <summary>The native handle.</summary>
    public IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(ClangTranslationUnit));

    /// <summary>The main file's path as given to the parser.</summary>
    public string MainFile { get; }

    /// <summary>
    /// Parses <paramref name="mainFile"/> whose bytes are <paramref name="source"/> (given in memory, so clang reads
    /// exactly what the caller read), with <paramref name="unsavedHeaders"/> (name → contents) as in-memory files.
    /// Returns null with the CXErrorCode when libclang produced no unit.
    /// </summary>
    public static ClangTranslationUnit? Parse(ClangIndex index, string mainFile, byte[] source, IReadOnlyList<(string Name, string Contents)> unsavedHeaders,
        IReadOnlyList<string> arguments, uint options, out int errorCode)
    {
        var allocations = new List<IntPtr>();
        IntPtr Utf8(string s)
        {
            IntPtr p = Marshal.StringToCoTaskMemUTF8(s);
            allocations.Add(p);
            return p;
        }
        try
        {
            byte** args = stackalloc byte*[arguments.Count];
            for (int i = 0; i < arguments.Count; i++)
                args[i] = (byte*)Utf8(arguments[i]);

            int fileCount = unsavedHeaders.Count + 1;
            CXUnsavedFile* files = stackalloc CXUnsavedFile[fileCount];
            for (int i = 0; i < unsavedHeaders.Count; i++)
            {
                byte[] contents = Encoding.UTF8.GetBytes(unsavedHeaders[i].Contents);
                IntPtr buffer = Marshal.AllocCoTaskMem(Math.Max(1, contents.Length));
                allocations.Add(buffer);
                Marshal.Copy(contents, 0, buffer, contents.Length);
                files[i] = new CXUnsavedFile { Filename = Utf8(unsavedHeaders[i].Name), Contents = buffer, Length = (nuint)contents.Length };
            }
            fixed (byte* sourceBytes = source.Length == 0 ? new byte[1] : source)
            {
                files[fileCount - 1] = new CXUnsavedFile { Filename = Utf8(mainFile), Contents = (IntPtr)sourceBytes, Length = (nuint)source.Length };
                errorCode = LibClang.ParseTranslationUnit2(index.Handle, (byte*)Utf8(mainFile), args, arguments.Count, files, (uint)fileCount, options, out IntPtr unit);
                return errorCode == 0 && unit != IntPtr.Zero ? new ClangTranslationUnit(unit, mainFile) : null;
            }
        }
        finally
        {
            foreach (IntPtr p in allocations)
                Marshal.FreeCoTaskMem(p);
        }
    }

    /// <summary>The root cursor.</summary>
    public CXCursor Cursor => LibClang.GetTranslationUnitCursor(Handle);

    /// <summary>The CXFile of the main file.</summary>
    public IntPtr MainFileHandle
    {
        get
        {
            IntPtr name = Marshal.StringToCoTaskMemUTF8(MainFile);
            try
            {
                return LibClang.GetFile(Handle, (byte*)name);
            }
            finally
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    /// <summary>Every diagnostic of the parse with its severity, message and file position (file handle, line, column).</summary>
    public IReadOnlyList<ParserDiagnostic> Diagnostics()
    {
        uint count = LibClang.GetNumDiagnostics(Handle);
        var list = new List<ParserDiagnostic>((int)count);
        IntPtr main = MainFileHandle;
        for (uint i = 0; i < count; i++)
        {
            IntPtr d = LibClang.GetDiagnostic(Handle, i);
            try
            {
                CXDiagnosticSeverity severity = LibClang.GetDiagnosticSeverity(d);
                string message = LibClang.TakeString(LibClang.GetDiagnosticSpelling(d));
                LibClang.GetFileLocation(LibClang.GetDiagnosticLocation(d), out IntPtr file, out uint line, out uint column, out _);
                bool inMain = file != IntPtr.Zero && LibClang.FileIsEqual(file, main) != 0;
                list.Add(new ParserDiagnostic(severity, message, inMain, (int)line, (int)column));
            }
            finally
            {
                LibClang.DisposeDiagnostic(d);
            }
        }
        return list;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            LibClang.DisposeTranslationUnit(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
