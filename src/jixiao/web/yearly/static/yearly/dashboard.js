// Draws each yearly dashboard chart from the table printed beside it: the table is the data (what the CSV
// holds), so the page carries it once, and no inline script is needed (the CSP stays strict).
(function () {
  "use strict";
  function cells(tr) {
    return Array.prototype.map.call(tr.children, function (cell) { return cell.textContent.trim(); });
  }
  function read(table) {
    var rows = Array.prototype.map.call(table.rows, cells);
    var columns = rows.shift() || [];
    // "No data yet." is one cell spanning the row, not a row of the chart
    return { columns: columns, rows: rows.filter(function (r) { return r.length === columns.length; }) };
  }
  function number(text) { return Number(text.replace(/,/g, "")); }
  function draw() {
    if (typeof echarts === "undefined") return;
    var colours = { "红": "#d9534f", "黄": "#f0ad4e", "绿": "#5cb85c", "蓝": "#337ab7", "未评": "#999" };
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var table = document.querySelector('table[data-chart-table="' + el.dataset.chart + '"]');
      if (!table) return;
      var chart = read(table);
      if (!chart.rows.length) return;
      var option;
      if (el.dataset.chart === "quadrant") {
        option = {
          tooltip: { formatter: function (p) { return p.data[2] + "<br>" + p.data[0] + "% / " + p.data[1] + "%"; } },
          xAxis: { name: chart.columns[2], min: 0, max: 100 },
          yAxis: { name: chart.columns[3], min: 0, max: 100 },
          series: [{
            type: "scatter",
            data: chart.rows.map(function (r) { return [number(r[2]), number(r[3]), r[1]]; }),
            markLine: { silent: true, data: [{ xAxis: 80 }, { yAxis: 80 }] }
          }]
        };
      } else {
        var names = chart.columns.slice(1);
        option = {
          tooltip: { trigger: "axis" },
          legend: { data: names },
          xAxis: { type: "category", data: chart.rows.map(function (r) { return r[0]; }) },
          yAxis: { type: "value", minInterval: 1 },
          series: names.map(function (name, i) {
            var s = { name: name, type: "bar", stack: "all", data: chart.rows.map(function (r) { return number(r[i + 1]); }) };
            if (colours[name]) s.itemStyle = { color: colours[name] };
            return s;
          })
        };
      }
      echarts.init(el).setOption(option);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
