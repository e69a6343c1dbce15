namespace Migration.Equivalence;

/// <summary>
/// A buffer a client has mapped for its device, as the client knows it: the scenario's key for it, the space, and
/// the device address the world gave it (worlds that allocate device addresses differently compare buffer by buffer).
/// </summary>
/// <param name="Key">The scenario's name for the buffer, the same in both worlds ("video0.buf3", "lsc").</param>
/// <param name="Space">The address space it is mapped in.</param>
/// <param name="Da">Its device address in this world.</param>
/// <param name="Length">Bytes the device may access from <paramref name="Da"/>.</param>
public readonly record struct ClientBuffer(string Key, string Space, uint Da, uint Length);
