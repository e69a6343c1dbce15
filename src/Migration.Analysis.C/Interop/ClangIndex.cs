namespace Migration.Analysis.C.Interop;

/// <summary>
/// A libclang CXIndex. An index must not be used by two threads at once, so the folder walker gives each worker
/// thread its own.
/// </summary>
internal sealed class ClangIndex : IDisposable
{
    private IntPtr _handle;

    /// <summary>A new index that prints no diagnostics itself (the front end reads them).</summary>
    public ClangIndex()
    {
        _handle = LibClang.CreateIndex(excludeDeclarationsFromPch: 0, displayDiagnostics: 0);
        if (_handle == IntPtr.Zero)
            throw new InvalidOperationException("clang_createIndex returned no index");
    }

    /// <summary>The native handle.</summary>
    public IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(ClangIndex));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            LibClang.DisposeIndex(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
