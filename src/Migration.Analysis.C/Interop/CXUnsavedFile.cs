using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>
/// libclang's CXUnsavedFile: a file whose contents are given from memory (the kernel prelude, the source as read),
/// so nothing is written to disk. The strings are UTF-8 buffers the caller keeps alive during the parse.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CXUnsavedFile
{
    /// <summary>The file name (NUL-terminated UTF-8).</summary>
    public IntPtr Filename;

    /// <summary>The contents (not NUL-terminated).</summary>
    public IntPtr Contents;

    /// <summary>The length of <see cref="Contents"/> in bytes (C unsigned long).</summary>
    public nuint Length;
}
