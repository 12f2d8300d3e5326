// Vehicle form: decodes the VIN while it is typed (GET /api/app/vehicles/decode-vin) and fills in the make
// and model year from it when those fields are empty. The server decodes and checks the VIN again on save.
(function () {
    'use strict';

    const vinInput = document.querySelector('[data-vin-input]');
    const panel = document.getElementById('vin-decode');
    if (!vinInput || !panel) {
        return;
    }

    const vinLength = 17;
    const problem = panel.querySelector('[data-vin-problem]');
    const lengthNote = panel.querySelector('[data-vin-length]');
    const details = panel.querySelector('[data-vin-details]');
    const checkBadge = panel.querySelector('[data-vin-check]');
    const regionNames = JSON.parse(panel.getAttribute('data-region-names') || '{}');
    const checkTexts = {
        Passed: panel.getAttribute('data-text-passed'),
        Failed: panel.getAttribute('data-text-failed'),
        NotChecked: panel.getAttribute('data-text-not-checked')
    };
    const checkClasses = { Passed: 'text-bg-success', Failed: 'text-bg-danger', NotChecked: 'text-bg-secondary' };

    // Values this script put into a field, so a later VIN may replace them but never what the user typed.
    const prefilled = {};
    let timer = null;
    let pending = null;

    function show(element, visible) {
        element.classList.toggle('d-none', !visible);
    }

    function setField(name, value) {
        const cell = panel.querySelector('[data-vin-field="' + name + '"]');
        cell.textContent = value === null || value === undefined || value === '' ? panel.getAttribute('data-text-unknown') : String(value);
    }

    function prefill(name, value) {
        const input = document.querySelector('[data-vin-prefill="' + name + '"]');
        if (!input || value === null || value === undefined) {
            return;
        }
        if (input.value.trim() === '' || input.value === prefilled[name]) {
            input.value = String(value);
            prefilled[name] = input.value;
            input.title = panel.getAttribute('data-text-prefilled');
        }
    }

    function render(result) {
        show(panel, true);
        show(lengthNote, false);
        show(problem, !result.isAcceptable && !!result.problem);
        problem.textContent = result.problem || '';
        show(details, true);
        setField('manufacturer', result.manufacturer);
        setField('make', result.make);
        setField('modelYear', result.modelYear);
        setField('region', result.region ? (regionNames[result.region] || result.region) : null);
        setField('country', result.country);
        checkBadge.textContent = checkTexts[result.checkDigit] || result.checkDigit;
        checkBadge.className = 'badge ' + (checkClasses[result.checkDigit] || 'text-bg-secondary');

        if (result.isAcceptable) {
            prefill('make', result.make);
            prefill('modelYear', result.modelYear);
        }
    }

    function renderMessage(element, text) {
        show(panel, true);
        show(details, false);
        show(problem, element === problem);
        show(lengthNote, element === lengthNote);
        element.textContent = text;
    }

    function decode() {
        const vin = vinInput.value.trim();
        if (pending) {
            pending.abort();
            pending = null;
        }
        if (vin === '') {
            show(panel, false);
            return;
        }
        if (vin.length < vinLength) {
            renderMessage(lengthNote, panel.getAttribute('data-text-length').replace('{0}', String(vin.length)));
            return;
        }

        pending = new AbortController();
        const url = vinInput.getAttribute('data-decode-url') + '?vin=' + encodeURIComponent(vin);
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' }, signal: pending.signal })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('VIN decoding failed with HTTP ' + response.status);
                }
                return response.json();
            })
            .then(render)
            .catch(function (error) {
                if (error.name !== 'AbortError') {
                    renderMessage(problem, panel.getAttribute('data-text-error'));
                }
            });
    }

    vinInput.addEventListener('input', function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(decode, 300);
    });

    // A form shown again after a failed save, or the edit form, already has a VIN: decode it at once.
    if (vinInput.value.trim() !== '') {
        decode();
    }
})();
