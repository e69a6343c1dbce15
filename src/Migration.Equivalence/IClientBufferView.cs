namespace Migration.Equivalence;

/// <summary>
/// A world that can list its client's live buffers, so that two worlds allocating device addresses differently
/// (iovmm's guard pages vs a generic IOVA allocator) are compared buffer by buffer (<see cref="RelocatedComparison"/>).
/// </summary>
public interface IClientBufferView
{
    /// <summary>The live buffers, in a stable order.</summary>
    IReadOnlyList<ClientBuffer> LiveBuffers { get; }
}
