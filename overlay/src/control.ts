console.log('control');
