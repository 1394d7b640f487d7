/* Test-only stand-in for Windows' bcryptprimitives.dll under Wine 8.
 *
 * Rust's standard library gets its random seeds from ProcessPrng in
 * bcryptprimitives.dll (Windows 10 and later). Wine 8 has no such DLL, so a
 * soxa.exe built here would stop at start-up under Wine. This DLL forwards
 * ProcessPrng to advapi32's RtlGenRandom (SystemFunction036), which Wine has.
 * It is copied into the test Wine prefix only: it is never shipped, since a
 * real Windows PC has the real DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill large requests piece by piece. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
