import { contextBridge, ipcRenderer } from 'electron';
import { CONTRACT_METHODS, ipcChannel } from '../../shared/contractMethods';

// Exposes the contract's named methods only; the page never sees ipcRenderer itself.
const api = Object.fromEntries(
  CONTRACT_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input)]),
);
contextBridge.exposeInMainWorld('precis', api);
