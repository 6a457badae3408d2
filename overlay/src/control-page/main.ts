// The caster control page (/control): connects to the bridge as a control client and mounts the
// panels. The page's ?token= (needed when the bridge listens beyond loopback) goes to every request.
import './app.css';
import { mount } from 'svelte';
import ControlApp from './ControlApp.svelte';
import { ControlStore } from './control-store.svelte.ts';

const page = new URL(location.href);
const store = new ControlStore(page.origin, page.searchParams.get('token'));
store.start();
mount(ControlApp, { target: document.getElementById('app')!, props: { store } });
