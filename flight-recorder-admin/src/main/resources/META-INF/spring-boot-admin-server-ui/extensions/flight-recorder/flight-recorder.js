/*
 * The "Flight recorder" tab of Spring Boot Admin (docs/admin.md): the recorder's state, a
 * snapshot and its report, the saved dumps, the fleet's dumps, the trace lookup and the boost
 * of an instance that exposes the flightrecording endpoint.
 *
 * Plain JavaScript on the Vue that Spring Boot Admin shares as globalThis.Vue, so the jar needs
 * no build step. Every request goes through Spring Boot Admin's instance proxy
 * (instances/{id}/actuator/...), with the credentials Spring Boot Admin keeps for the instance
 * and the CSRF header of its own requests (instance.axios); none goes to the instance or to
 * any other host from the browser.
 */
/* global SBA, Vue */
(() => {
  const { h, ref, reactive, computed, onMounted, onBeforeUnmount, resolveComponent } = Vue;

  const REFRESH_MILLIS = 10000;

  /** Sizes in binary units, with one decimal. */
  const bytes = (n) => {
    if (n === null || n === undefined) {
      return '';
    }
    if (n < 1024) {
      return `${n} B`;
    }
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
  };

  const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');

  /** The JSON message of an error answer, whatever type the request asked its body in. */
  const bodyMessage = async (data) => {
    let body = data;
    if (body instanceof Blob) {
      body = await body.text();
    }
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        return null;
      }
    }
    return body && typeof body.message === 'string' && body.message ? body.message : null;
  };

  /**
   * What went wrong, in the operator's words. The proxy's own answers (502, 503 without a
   * body, 504) say the instance was not reached; the instance's answers carry its message.
   */
  const explain = async (error) => {
    const response = error.response;
    if (!response) {
      return `Spring Boot Admin did not answer: ${error.message}`;
    }
    const message = await bodyMessage(response.data);
    switch (response.status) {
      case 401:
        return 'The instance refused the credentials Spring Boot Admin uses for it (401): set spring.boot.admin.client.instance.metadata.user.name and user.password on the instance.';
      case 403:
        return message
          ? `The instance refused (403): ${message}`
          : 'The user Spring Boot Admin signs in as may not use this endpoint of the instance (403).';
      case 404:
        return message || 'The instance has no such endpoint (404): is it exposed (management.endpoints.web.exposure.include)?';
      case 405:
        return 'The instance allows only reads of this endpoint (405): management.endpoint.<id>.access: unrestricted allows writes.';
      case 409:
        return message ? `A snapshot is already being taken: ${message}` : 'A snapshot is already being taken (409); try again in a moment.';
      case 502:
        return 'Spring Boot Admin could not reach the instance (502): it is down, or its address is not reachable from Spring Boot Admin.';
      case 503:
        return message || 'The instance is not available to Spring Boot Admin (503): it may have been deregistered.';
      case 504:
        return 'The instance did not answer within the time Spring Boot Admin waits (504; spring.boot.admin.monitor.timeout.flightrecording and .flightdumps).';
      default:
        return `The instance answered ${response.status}${message ? `: ${message}` : ''}`;
    }
  };

  /**
   * One request's state for the page: pending (with when it started, so that a slow instance
   * shows how long it has been waiting), its data, or what went wrong.
   */
  const useRequest = () => reactive({ pending: false, since: 0, data: null, error: null });

  const run = async (state, request) => {
    state.pending = true;
    state.since = Date.now();
    try {
      const response = await request();
      state.data = response.data;
      state.error = null;
      return response;
    } catch (error) {
      state.error = await explain(error);
      return null;
    } finally {
      state.pending = false;
    }
  };

  /** The file name of a Content-Disposition header. */
  const fileName = (disposition, fallback) => {
    const match = /filename="([^"]+)"/.exec(disposition || '');
    return match ? match[1] : fallback;
  };

  const saveBlob = (blob, name) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  const FlightRecorderView = {
    name: 'FlightRecorderView',
    props: {
      instance: { type: Object, required: true },
    },
    setup(props) {
      const instance = props.instance;
      // with its leading slash, the path joins instance.axios' base URL so that Spring Boot
      // Admin sees an instance's actuator answering 401, not its own: no redirect to its login
      const actuator = (path) => `/actuator/${path}`;
      const proxied = (path) => `instances/${encodeURIComponent(instance.id)}/actuator/${path}`;
      const quiet = { suppressToast: true };

      const health = useRequest();
      const dumps = useRequest();
      const fleet = useRequest();
      const trace = useRequest();
      const action = useRequest();
      const allowed = reactive({ boost: false, delete: false });
      const notice = ref(null);
      const now = ref(Date.now());
      const boostForm = reactive({ settings: 'profile', duration: '2m' });
      const traceForm = reactive({ traceId: '', fleet: false });
      const confirming = ref(null);

      /** A component of the instance's health, null when health does not show it. */
      const component = (name) => {
        const components = health.data && health.data.components;
        return components ? components[name] || null : null;
      };
      const recorder = computed(() => component('flightRecorder'));
      const uploading = computed(() => component('flightRecorderUploads') !== null);

      const loadFleet = () => {
        if (!fleet.pending) {
          run(fleet, () => instance.axios.get(actuator('flightdumps'), { ...quiet, params: { scope: 'fleet' } }));
        }
      };

      /**
       * Reads the state and the saved dumps, and the fleet's dumps once the health shows that
       * the instance uploads (asking without a bucket would only be a 404). A request still
       * waiting for a slow instance is not sent again.
       */
      const refresh = async (withFleet) => {
        if (!dumps.pending) {
          run(dumps, () => instance.axios.get(actuator('flightdumps'), quiet));
        }
        if (!health.pending) {
          const hadUploads = uploading.value;
          await run(health, () => instance.axios.get(actuator('health'), quiet));
          if (uploading.value && (withFleet || !hadUploads)) {
            loadFleet();
          }
        }
      };

      const allows = async (path, method) => {
        try {
          const response = await instance.axios.options(actuator(path), quiet);
          return (response.headers.allow || '').split(',').map((m) => m.trim()).includes(method);
        } catch {
          return false;
        }
      };

      let timer = null;
      let clock = null;
      onMounted(async () => {
        refresh(true);
        timer = setInterval(() => refresh(false), REFRESH_MILLIS);
        clock = setInterval(() => {
          now.value = Date.now();
        }, 1000);
        [allowed.boost, allowed.delete] = await Promise.all([
          allows('flightrecording', 'POST'), allows('flightdumps/any.jfr', 'DELETE')]);
      });
      onBeforeUnmount(() => {
        clearInterval(timer);
        clearInterval(clock);
      });

      const done = (text) => {
        notice.value = text;
        action.error = null;
      };

      const downloadSnapshot = async () => {
        notice.value = null;
        const response = await run(action, () =>
          instance.axios.get(actuator('flightrecording'), {
            ...quiet, responseType: 'blob', headers: { Accept: 'application/octet-stream, application/json' },
          }));
        if (response) {
          const name = fileName(response.headers['content-disposition'], 'snapshot.jfr');
          saveBlob(response.data, name);
          done(`Saved ${name} (${bytes(response.data.size)}).`);
        }
      };

      /**
       * Opens a report page in a new tab: the tab is opened at the click (so no pop-up blocker
       * stops it), the page fetched through the proxy and shown there, and an error (a 409, the
       * report's 503 when it would not fit the instance's heap) said here instead, the tab
       * closed. A base element makes the page's own links point at the proxy.
       */
      const openReport = async (path) => {
        notice.value = null;
        const tab = window.open('about:blank', '_blank');
        if (tab) {
          tab.document.title = 'Flight recording report';
          tab.document.body.textContent = 'Building the report through Spring Boot Admin…';
        }
        const response = await run(action, () =>
          instance.axios.get(actuator(path), { ...quiet, responseType: 'text', headers: { Accept: 'text/html, application/json' } }));
        if (!response) {
          if (tab) {
            tab.close();
          }
          return;
        }
        const base = `<base href="${new URL(proxied(path), document.baseURI).href}">`;
        const html = response.data.replace(/<head>/i, `<head>${base}`);
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        if (tab) {
          tab.location.href = url;
        } else {
          window.open(url, '_blank');
        }
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        done('The report opened in a new tab.');
      };

      const deleteDump = async (name) => {
        if (confirming.value !== name) {
          confirming.value = name;
          return;
        }
        confirming.value = null;
        notice.value = null;
        const response = await run(action, () =>
          instance.axios.delete(actuator(`flightdumps/${encodeURIComponent(name)}`), quiet));
        if (response) {
          done(`Deleted ${name}.`);
          await run(dumps, () => instance.axios.get(actuator('flightdumps'), quiet));
        }
      };

      const startBoost = async () => {
        notice.value = null;
        const response = await run(action, () =>
          instance.axios.post(actuator('flightrecording'), { ...boostForm }, { ...quiet, headers: { 'Content-Type': 'application/json' } }));
        if (response) {
          done(`Boosted to ${response.data.settings} until ${time(response.data.until)}.`);
          await run(health, () => instance.axios.get(actuator('health'), quiet));
        }
      };

      const endBoost = async () => {
        notice.value = null;
        const response = await run(action, () => instance.axios.delete(actuator('flightrecording'), quiet));
        if (response) {
          done('The boost ended.');
          await run(health, () => instance.axios.get(actuator('health'), quiet));
        }
      };

      const findTrace = () => {
        const params = { traceId: traceForm.traceId.trim() };
        if (traceForm.fleet) {
          params.scope = 'fleet';
          params.applications = 'all';
        }
        run(trace, () => instance.axios.get(actuator('flightdumps'), { ...quiet, params }));
      };

      /** Spring Boot Admin's button; a plain button unless told otherwise, so that one in a form does not submit it. */
      const button = (label, onClick, extra = {}) =>
        h(resolveComponent('sba-button'), { type: 'button', onClick, ...extra }, { default: () => label });

      const status = (state, what) => {
        if (state.pending) {
          const seconds = Math.max(0, Math.round((now.value - state.since) / 1000));
          return h('p', { class: 'fr-pending' }, `Asking the instance for ${what}… ${seconds} s`);
        }
        if (state.error) {
          return h('p', { class: 'fr-error', role: 'alert' }, state.error);
        }
        return null;
      };

      const panel = (title, id, children) =>
        h('section', { id, class: 'fr-section' },
          h(resolveComponent('sba-panel'), { title }, { default: () => children }));

      const row = (term, value) => [h('dt', term), h('dd', value)];

      const stateView = () => {
        const details = recorder.value ? recorder.value.details || {} : null;
        const boost = details && details.boost;
        const triggers = component('flightRecorderEventTriggers');
        const uploads = component('flightRecorderUploads');
        const children = [status(health, 'its health')];
        if (health.data && !recorder.value) {
          children.push(h('p', { class: 'fr-error' },
            'The instance\'s health shows no flightRecorder component to Spring Boot Admin: set management.endpoint.health.show-details (and show-components) so that its user sees details.'));
        }
        if (details) {
          children.push(h('dl', { class: 'fr-state' }, [
            ...row('Status', recorder.value.status),
            ...row('Running', details.running ? 'yes' : 'no'),
            ...(details.reason ? row('Reason', details.reason) : []),
            ...row('Settings', details.settings || ''),
            ...row('Boost', boost ? `${boost.settings} until ${time(boost.until)}` : 'none'),
            ...row('Retained', bytes(details.retainedBytes)),
            ...(details.repository ? row('Disk', `${bytes(details.freeBytes)} free under ${details.repository}`) : []),
            ...(triggers && triggers.details ? row('Event rules', (triggers.details.rules || []).join(', ') || 'none') : []),
            ...(uploads && uploads.details ? row('Uploads', `${uploads.details.location || ''}, ${uploads.details.pending || 0} pending${uploads.details.failing ? ', failing' : ''}`) : []),
          ]));
        }
        return panel('State', 'fr-state', children);
      };

      const actionsView = () => {
        const children = [
          h('div', { class: 'fr-buttons' }, [
            button('Download a snapshot', downloadSnapshot, { id: 'fr-download-snapshot', primary: true }),
            button('Report of a snapshot', () => openReport('flightrecording/report'), { id: 'fr-snapshot-report' }),
            button('Refresh', () => refresh(true), { id: 'fr-refresh' }),
          ]),
          status(action, 'an answer'),
        ];
        if (notice.value && !action.pending && !action.error) {
          children.push(h('p', { class: 'fr-notice', role: 'status' }, notice.value));
        }
        return panel('Snapshot', 'fr-snapshot', children);
      };

      const boostView = () => {
        if (!allowed.boost) {
          return null;
        }
        const boost = recorder.value && recorder.value.details && recorder.value.details.boost;
        const input = (key, label, attrs) => h('label', { class: 'fr-field' }, [label, h('input', {
          ...attrs,
          value: boostForm[key],
          onInput: (event) => {
            boostForm[key] = event.target.value;
          },
        })]);
        return panel('Boost', 'fr-boost', [
          h('form', {
            class: 'fr-form',
            onSubmit: (event) => {
              event.preventDefault();
              startBoost();
            },
          }, [
            input('settings', 'Settings', { id: 'fr-boost-settings', list: 'fr-settings-names' }),
            h('datalist', { id: 'fr-settings-names' }, [h('option', { value: 'profile' }), h('option', { value: 'default' })]),
            input('duration', 'Duration', { id: 'fr-boost-duration', placeholder: '2m' }),
            button('Boost', undefined, { id: 'fr-boost-start', type: 'submit' }),
            boost ? button('End the boost', endBoost, { id: 'fr-boost-end' }) : null,
          ]),
        ]);
      };

      const dumpActions = (download, report, name) => [
        h('a', { class: 'fr-link', href: proxied(download), download: name }, 'Download'),
        h('a', {
          class: 'fr-link',
          href: proxied(report),
          onClick: (event) => {
            event.preventDefault();
            openReport(report);
          },
        }, 'Report'),
      ];

      const table = (id, headers, rows) => h('table', { id, class: 'fr-table' }, [
        h('thead', h('tr', headers.map((header) => h('th', header)))),
        h('tbody', rows),
      ]);

      const dumpsView = () => {
        const list = dumps.data ? dumps.data.dumps || [] : [];
        const rows = list.map((dump) => h('tr', { 'data-name': dump.name }, [
          h('td', time(dump.time)),
          h('td', { class: 'fr-nowrap' }, dump.trigger),
          h('td', { class: 'fr-reason' }, dump.reason || ''),
          h('td', { class: 'fr-number' }, bytes(dump.size)),
          h('td', dump.uploaded ? h('span', { class: 'fr-uploaded', title: dump.uploaded }, 'yes') : 'no'),
          h('td', { class: 'fr-actions' }, [
            ...dumpActions(`flightdumps/${encodeURIComponent(dump.name)}`, `flightdumps/${encodeURIComponent(dump.name)}/report`, dump.name),
            allowed.delete
              ? button(confirming.value === dump.name ? 'Really delete?' : 'Delete', () => deleteDump(dump.name), { class: 'fr-delete', size: 'xs' })
              : null,
          ]),
        ]));
        return panel('Saved dumps', 'fr-dumps', [
          status(dumps, 'its saved dumps'),
          dumps.data ? h('p', { class: 'fr-note' }, `${list.length} in ${dumps.data.directory}`) : null,
          list.length ? table('fr-dumps-table', ['Time', 'Trigger', 'Reason', 'Size', 'Uploaded', ''], rows) : null,
        ]);
      };

      const fleetView = () => {
        if (!uploading.value) {
          return null;
        }
        const list = fleet.data ? fleet.data.dumps || [] : [];
        const rows = list.map((dump) => {
          const path = `flightdumps/fleet/${encodeURIComponent(dump.instance)}/${encodeURIComponent(dump.name)}`;
          return h('tr', { 'data-name': dump.name }, [
            h('td', dump.instance),
            h('td', { class: 'fr-nowrap' }, time(dump.time)),
            h('td', { class: 'fr-nowrap' }, dump.trigger),
            h('td', { class: 'fr-reason' }, dump.reason || ''),
            h('td', { class: 'fr-number' }, bytes(dump.size)),
            h('td', { class: 'fr-actions' }, dumpActions(path, `${path}/report`, dump.name)),
          ]);
        });
        return panel('The fleet\'s dumps', 'fr-fleet', [
          status(fleet, 'the fleet\'s dumps'),
          fleet.data ? h('p', { class: 'fr-note' }, `${list.length} in ${fleet.data.location}`) : null,
          list.length ? table('fr-fleet-table', ['Instance', 'Time', 'Trigger', 'Reason', 'Size', ''], rows) : null,
        ]);
      };

      const traceView = () => {
        const found = trace.data ? trace.data.dumps || [] : null;
        const rows = (found || []).map((dump) => h('tr', { 'data-name': dump.name }, [
          h('td', `${dump.application} / ${dump.instance}`),
          h('td', dump.name),
          h('td', { class: 'fr-number' }, String((dump.observations || []).length)),
          h('td', { class: 'fr-actions' }, dumpActions(`flightdumps/${dump.download}`, `flightdumps/${dump.report}`, dump.name)),
        ]));
        return panel('Find a trace', 'fr-trace', [
          h('form', {
            class: 'fr-form',
            onSubmit: (event) => {
              event.preventDefault();
              findTrace();
            },
          }, [
            h('label', { class: 'fr-field' }, ['Trace ID', h('input', {
              id: 'fr-trace-id',
              size: 34,
              placeholder: '4bf92f3577b34da6a3ce929d0e0e4736',
              value: traceForm.traceId,
              onInput: (event) => {
                traceForm.traceId = event.target.value;
              },
            })]),
            fleet.data ? h('label', { class: 'fr-check' }, [h('input', {
              type: 'checkbox',
              checked: traceForm.fleet,
              onChange: (event) => {
                traceForm.fleet = event.target.checked;
              },
            }), 'every instance and application in the bucket']) : null,
            button('Find', undefined, { id: 'fr-trace-find', type: 'submit' }),
          ]),
          status(trace, 'the dumps of that trace'),
          found && !found.length ? h('p', { class: 'fr-note' }, 'No saved dump holds that trace.') : null,
          found && found.length ? table('fr-trace-table', ['Application / instance', 'Dump', 'Observations', ''], rows) : null,
        ]);
      };

      return () => h('div', { class: 'fr-tab' }, [
        stateView(),
        actionsView(),
        boostView(),
        dumpsView(),
        fleetView(),
        traceView(),
      ]);
    },
  };

  SBA.use({
    install({ viewRegistry, i18n }) {
      viewRegistry.addView({
        name: 'instances/flightrecorder',
        parent: 'instances',
        path: 'flightrecorder',
        component: FlightRecorderView,
        label: 'instances.flightrecorder.label',
        group: 'jvm',
        order: 850,
        isEnabled: ({ instance }) => instance.hasEndpoint('flightrecording'),
      });
      i18n.mergeLocaleMessage('en', { instances: { flightrecorder: { label: 'Flight recorder' } } });
    },
  });
})();
